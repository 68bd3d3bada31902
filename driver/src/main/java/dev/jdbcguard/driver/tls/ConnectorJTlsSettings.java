package dev.jdbcguard.driver.tls;

import com.mysql.cj.conf.ConnectionUrl;
import com.mysql.cj.conf.DefaultPropertySet;
import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.exceptions.CJException;
import dev.jdbcguard.driver.url.TargetUrl;
import dev.jdbcguard.driver.warnings.Redaction;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * MySQL Connector/J: asks Connector/J's own URL parser and property set, so precedence (host
 * sections over {@code Properties} over URL query), case rules (keys exact, values not) and the
 * legacy mapping are exactly the driver's: without an explicit {@code sslMode},
 * {@code useSSL=false} is DISABLED, else {@code verifyServerCertificate=true} is VERIFY_CA, else
 * {@code requireSSL=true} is REQUIRED, else PREFERRED.
 *
 * <p>Cost: Connector/J caches parsed URLs; one property-set build per connect.
 */
final class ConnectorJTlsSettings implements DriverTlsSettings {

    static final ConnectorJTlsSettings INSTANCE = new ConnectorJTlsSettings();

    private static final String SSL_MODE = PropertyKey.sslMode.getKeyName();
    private static final List<String> LEGACY =
            List.of(PropertyKey.useSSL.getKeyName(), PropertyKey.verifyServerCertificate.getKeyName(),
                    PropertyKey.requireSSL.getKeyName());

    private ConnectorJTlsSettings() {
    }

    @Override
    public EffectiveSslMode resolve(TargetUrl target, Properties info) throws SQLException {
        String url = target.url();
        Properties fromUrl;
        SslMode mode;
        try {
            fromUrl = ConnectionUrl.getConnectionUrlInstance(url, new Properties()).getMainHost().exposeAsProperties();
            Properties merged = ConnectionUrl.getConnectionUrlInstance(url, info == null ? new Properties() : info).getMainHost().exposeAsProperties();
            DefaultPropertySet properties = new DefaultPropertySet();
            properties.initializeProperties(merged);
            mode = SslMode.valueOf(properties.getEnumProperty(PropertyKey.sslMode).getValue().toString());
        } catch (CJException e) {
            // Connector/J would refuse this URL too; its message names the key and the value, never a password.
            throw new SQLNonTransientConnectionException("[jdbc-guard] tls.required: cannot read the TLS settings of "
                    + Redaction.redact(url) + ": " + e.getMessage(), "08001");
        }
        String urlMode = fromUrl.getProperty(SSL_MODE);
        if (urlMode != null && urlMode.equalsIgnoreCase(mode.name())) {
            return new EffectiveSslMode(mode, EffectiveSslMode.Origin.URL, SSL_MODE + "=" + urlMode);
        }
        if (info != null && info.getProperty(SSL_MODE) != null) {
            return new EffectiveSslMode(mode, EffectiveSslMode.Origin.PROPERTIES, SSL_MODE + "=" + info.getProperty(SSL_MODE));
        }
        String legacyInUrl = legacy(fromUrl);
        if (!legacyInUrl.isEmpty()) {
            return new EffectiveSslMode(mode, EffectiveSslMode.Origin.URL, legacyInUrl);
        }
        String legacyInInfo = info == null ? "" : legacy(info);
        if (!legacyInInfo.isEmpty()) {
            return new EffectiveSslMode(mode, EffectiveSslMode.Origin.PROPERTIES, legacyInInfo);
        }
        return new EffectiveSslMode(mode, EffectiveSslMode.Origin.DEFAULT, "Connector/J's default sslMode=PREFERRED");
    }

    private static String legacy(Properties properties) {
        return LEGACY.stream().filter(k -> properties.getProperty(k) != null)
                .map(k -> k + "=" + properties.getProperty(k)).collect(Collectors.joining(", "));
    }

    @Override
    public Properties strengthen(Properties info, SslMode mode) {
        Properties stronger = new Properties();
        if (info != null) {
            stronger.putAll(info);
        }
        LEGACY.forEach(stronger::remove);
        stronger.setProperty(SSL_MODE, mode.name());
        return stronger;
    }

    @Override
    public String setting(SslMode mode) {
        return SSL_MODE + "=" + mode.name();
    }

    @Override
    public String trustHint() {
        return "trustCertificateKeyStoreUrl/-Password/-Type for a private CA; the JVM's trust store otherwise";
    }
}
