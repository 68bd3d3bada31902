package dev.jdbcguard.driver.tls;

import dev.jdbcguard.driver.url.TargetUrl;
import java.sql.SQLException;
import java.util.Properties;

/**
 * How one target driver turns its URL and {@code Properties} into an {@code sslMode}, and how to
 * strengthen it. Each driver has its own key names, legacy keys and precedence, so each has its own
 * implementation; a driver without one cannot have its TLS setting checked before connecting.
 */
sealed interface DriverTlsSettings permits ConnectorJTlsSettings, MariaDbTlsSettings {

    /** The settings reader for a target URL ({@code jdbc:mysql:...}, {@code jdbc:mariadb:...}), or {@code null}. */
    static DriverTlsSettings of(TargetUrl target) {
        return switch (target.family()) {
            case CONNECTOR_J -> ConnectorJTlsSettings.INSTANCE;
            case MARIADB -> MariaDbTlsSettings.INSTANCE;
            case OTHER -> null;
        };
    }

    /** The mode the driver will use; a value the driver itself would reject is an {@link SQLException}. */
    EffectiveSslMode resolve(TargetUrl target, Properties info) throws SQLException;

    /** A copy of {@code info} that asks for {@code mode}; a URL setting that outranks it stays in force. */
    Properties strengthen(Properties info, SslMode mode);

    /** The driver's spelling of a mode as a setting: {@code sslMode=VERIFY_IDENTITY}, {@code sslMode=verify-full}. */
    String setting(SslMode mode);

    /** The settings that give the driver the CA to verify against, for the refusal message. */
    String trustHint();
}
