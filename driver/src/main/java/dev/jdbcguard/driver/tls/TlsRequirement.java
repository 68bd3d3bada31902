package dev.jdbcguard.driver.tls;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;
import java.util.Objects;

/**
 * The TLS rules' settings, read from the rule set at connect time.
 *
 * @param action        {@code tls.required}: {@code block} refuses, {@code warn} reports and connects
 * @param mode          the weakest acceptable {@code sslMode}: {@code REQUIRED}, {@code VERIFY_CA} or
 *                      {@code VERIFY_IDENTITY}
 * @param upgrade       strengthen a weaker setting to {@code mode} instead of refusing
 * @param allowLoopback exempt 127.0.0.0/8, ::1 and localhost targets (local tunnels such as
 *                      {@code pscale connect}); the exemption is logged once per target
 * @param versionAction {@code tls.version}: what to do when the session negotiated an older protocol
 * @param minVersion    the oldest acceptable protocol, {@code TLSv1.2} or {@code TLSv1.3}
 */
public record TlsRequirement(Action action, SslMode mode, boolean upgrade, boolean allowLoopback,
                             Action versionAction, String minVersion) {

    public TlsRequirement {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(versionAction, "versionAction");
        Objects.requireNonNull(minVersion, "minVersion");
        if (!mode.satisfies(SslMode.REQUIRED)) {
            throw new IllegalArgumentException("tls.required mode must be REQUIRED or stronger, not " + mode);
        }
    }

    /** {@code tls.required} and {@code tls.version} as the rule set has them. */
    public static TlsRequirement from(RuleSet rules) {
        RuleConfig required = rules.rule(RuleCatalog.TLS_REQUIRED);
        RuleConfig version = rules.rule(RuleCatalog.TLS_VERSION);
        return new TlsRequirement(required.action(), SslMode.ofRule(required.choice("mode")),
                required.flag("upgrade"), required.flag("allow-loopback"), version.action(), version.choice("min"));
    }

    /** Whether either rule is on; when not, the guard does not look at TLS at all. */
    public boolean checked() {
        return action != Action.OFF || versionAction != Action.OFF;
    }
}
