package dev.jdbcguard.driver.tls;

import dev.jdbcguard.driver.url.TargetUrl;
import dev.jdbcguard.driver.warnings.Redaction;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * MariaDB Connector/J 3.x, re-stated from its behaviour (it is not a dependency of the guard): keys
 * are case-insensitive, URL parameters win over {@code Properties}, the default is {@code disable},
 * and a true {@code useSsl} overrides {@code sslMode}: then {@code trustServerCertificate} gives
 * {@code trust}, {@code disableSslHostnameVerification} gives {@code verify-ca}, otherwise
 * {@code verify-full}. {@code sslMode} takes its own names and Connector/J's
 * ({@code REQUIRED} = {@code trust}, {@code VERIFY_IDENTITY} = {@code verify-full}).
 *
 * <p>Limit: because URL parameters win, an upgrade cannot override an {@code sslMode} or
 * {@code useSsl} written in the URL; such a connect is refused with the setting to change.
 */
final class MariaDbTlsSettings implements DriverTlsSettings {

    static final MariaDbTlsSettings INSTANCE = new MariaDbTlsSettings();

    private static final String SSL_MODE = "sslmode";
    private static final String USE_SSL = "usessl";
    private static final List<String> LEGACY = List.of(USE_SSL, "trustservercertificate", "disablesslhostnameverification");
    private static final Map<String, SslMode> MODES = Map.ofEntries(
            Map.entry("disable", SslMode.DISABLED), Map.entry("disabled", SslMode.DISABLED),
            Map.entry("0", SslMode.DISABLED), Map.entry("false", SslMode.DISABLED),
            Map.entry("trust", SslMode.REQUIRED), Map.entry("required", SslMode.REQUIRED),
            Map.entry("verify-ca", SslMode.VERIFY_CA),
            Map.entry("verify-full", SslMode.VERIFY_IDENTITY), Map.entry("verify-identity", SslMode.VERIFY_IDENTITY),
            Map.entry("1", SslMode.VERIFY_IDENTITY), Map.entry("true", SslMode.VERIFY_IDENTITY));

    private MariaDbTlsSettings() {
    }

    @Override
    public EffectiveSslMode resolve(TargetUrl target, Properties info) throws SQLException {
        TargetUrl.Setting useSsl = target.setting("useSsl", info);
        if (useSsl != null && isTrue(useSsl.value())) {
            SslMode mode = isTrue(target.setting("trustServerCertificate", info)) ? SslMode.REQUIRED
                    : isTrue(target.setting("disableSslHostnameVerification", info)) ? SslMode.VERIFY_CA
                    : SslMode.VERIFY_IDENTITY;
            return new EffectiveSslMode(mode, origin(useSsl), useSsl.key() + "=" + useSsl.value());
        }
        TargetUrl.Setting sslMode = target.setting("sslMode", info);
        if (sslMode == null) {
            return new EffectiveSslMode(SslMode.DISABLED, EffectiveSslMode.Origin.DEFAULT,
                    "MariaDB Connector/J's default sslMode=disable");
        }
        SslMode mode = MODES.get(sslMode.value().trim().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (mode == null) {
            throw new SQLNonTransientConnectionException("[jdbc-guard] tls.required: " + sslMode.key() + "="
                    + sslMode.value() + " in " + Redaction.redact(target.url()) + " is not a MariaDB Connector/J sslMode;"
                    + " use disable, trust, verify-ca or verify-full", "08001");
        }
        return new EffectiveSslMode(mode, origin(sslMode), sslMode.key() + "=" + sslMode.value());
    }

    private static EffectiveSslMode.Origin origin(TargetUrl.Setting setting) {
        return setting.fromUrl() ? EffectiveSslMode.Origin.URL : EffectiveSslMode.Origin.PROPERTIES;
    }

    private static boolean isTrue(TargetUrl.Setting setting) {
        return setting != null && isTrue(setting.value());
    }

    private static boolean isTrue(String value) {
        return value.equalsIgnoreCase("true") || value.equals("1") || value.isEmpty();
    }

    @Override
    public Properties strengthen(Properties info, SslMode mode) {
        Properties stronger = new Properties();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                String folded = key.toLowerCase(Locale.ROOT);
                if (!folded.equals(SSL_MODE) && !LEGACY.contains(folded)) {
                    stronger.setProperty(key, info.getProperty(key));
                }
            }
        }
        stronger.setProperty("sslMode", name(mode));
        return stronger;
    }

    @Override
    public String setting(SslMode mode) {
        return "sslMode=" + name(mode);
    }

    private static String name(SslMode mode) {
        return switch (mode) {
            case DISABLED, PREFERRED -> "disable";
            case REQUIRED -> "trust";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_IDENTITY -> "verify-full";
        };
    }

    @Override
    public String trustHint() {
        return "serverSslCert or trustStore/trustStorePassword for a private CA; the JVM's trust store otherwise";
    }

}
