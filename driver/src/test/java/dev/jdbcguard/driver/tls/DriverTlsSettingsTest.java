package dev.jdbcguard.driver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.driver.url.TargetUrl;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mariadb.jdbc.Configuration;

/** The effective sslMode, where it came from, and how an upgrade changes it. */
class DriverTlsSettingsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // query | properties (k=v,k=v) | mode | origin | setting
            " | | PREFERRED | DEFAULT | Connector/J's default sslMode=PREFERRED",
            "sslMode=verify_ca | | VERIFY_CA | URL | sslMode=verify_ca",
            "sslMode=DISABLED | sslMode=REQUIRED | REQUIRED | PROPERTIES | sslMode=REQUIRED",
            "useSSL=false | | DISABLED | URL | useSSL=false",
            "useSSL=true | | PREFERRED | URL | useSSL=true",
            "verifyServerCertificate=true | | VERIFY_CA | URL | verifyServerCertificate=true",
            " | useSSL=true,requireSSL=true | REQUIRED | PROPERTIES | useSSL=true, requireSSL=true",
            "sslMode=REQUIRED&useSSL=false | | REQUIRED | URL | sslMode=REQUIRED",
            "sslmode=REQUIRED | | PREFERRED | DEFAULT | Connector/J's default sslMode=PREFERRED",
    })
    void connectorJ(String query, String properties, SslMode mode, EffectiveSslMode.Origin origin, String setting)
            throws SQLException {
        String url = "jdbc:mysql://db:3306/shop" + (query == null ? "" : "?" + query);
        assertThat(ConnectorJTlsSettings.INSTANCE.resolve(TargetUrl.of(url), properties(properties)))
                .isEqualTo(new EffectiveSslMode(mode, origin, setting));
    }

    @Test
    void connectorJUpgradeReplacesLegacyKeysButCannotBeatAHostSection() throws SQLException {
        DriverTlsSettings cj = ConnectorJTlsSettings.INSTANCE;
        Properties legacy = properties("useSSL=false,password=pw");
        Properties stronger = cj.strengthen(legacy, SslMode.VERIFY_IDENTITY);
        assertThat(stronger).containsEntry("sslMode", "VERIFY_IDENTITY").containsEntry("password", "pw")
                .doesNotContainKey("useSSL");
        assertThat(cj.resolve(TargetUrl.of("jdbc:mysql://db/shop?sslMode=DISABLED"), stronger).mode()).isEqualTo(SslMode.VERIFY_IDENTITY);
        assertThat(cj.resolve(TargetUrl.of("jdbc:mysql://(host=db,sslMode=DISABLED)/shop"), stronger))
                .isEqualTo(new EffectiveSslMode(SslMode.DISABLED, EffectiveSslMode.Origin.URL, "sslMode=DISABLED"));
    }

    @Test
    void connectorJRejectsAnUnknownModeLikeTheDriverWould() {
        assertThatThrownBy(() -> ConnectorJTlsSettings.INSTANCE.resolve(TargetUrl.of("jdbc:mysql://u:pw@db/shop?sslMode=BOGUS"), null))
                .hasMessageContaining("[jdbc-guard] tls.required: cannot read the TLS settings of jdbc:mysql://u:***@db/shop")
                .hasMessageContaining("'BOGUS' is not acceptable");
    }

    /** Every case is checked against MariaDB Connector/J's own parser, so the re-statement cannot drift unseen. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            " | | DISABLED | DEFAULT",
            "sslMode=verify-ca | sslMode=trust | VERIFY_CA | URL",
            " | sslMode=trust | REQUIRED | PROPERTIES",
            "useSsl=true | | VERIFY_IDENTITY | URL",
            "useSSL=true&trustServerCertificate=true | | REQUIRED | URL",
            "useSsl=true&disableSslHostnameVerification=true | | VERIFY_CA | URL",
            "sslmode=VERIFY_FULL | | VERIFY_IDENTITY | URL",
            "sslMode=disable | useSsl=true | VERIFY_IDENTITY | PROPERTIES",
            "sslMode=verify-full&useSsl=false | | VERIFY_IDENTITY | URL",
            "sslMode=REQUIRED | | REQUIRED | URL",
            "sslMode=VERIFY_IDENTITY | | VERIFY_IDENTITY | URL",
    })
    void mariaDb(String query, String properties, SslMode mode, EffectiveSslMode.Origin origin) throws SQLException {
        String url = "jdbc:mariadb://db:3306/shop" + (query == null ? "" : "?" + query);
        EffectiveSslMode effective = MariaDbTlsSettings.INSTANCE.resolve(TargetUrl.of(url), properties(properties));
        assertThat(effective.mode()).isEqualTo(mode);
        assertThat(effective.origin()).isEqualTo(origin);
        assertThat(mariaDbsOwnVerdict(url, properties(properties))).isEqualTo(mode);
    }

    @Test
    void mariaDbUpgradeWorksFromPropertiesAndIsOutrankedByTheUrl() throws SQLException {
        DriverTlsSettings mariaDb = MariaDbTlsSettings.INSTANCE;
        Properties stronger = mariaDb.strengthen(properties("useSsl=true,trustServerCertificate=true"), SslMode.VERIFY_IDENTITY);
        assertThat(stronger).containsOnlyKeys("sslMode").containsEntry("sslMode", "verify-full");
        assertThat(mariaDb.resolve(TargetUrl.of("jdbc:mariadb://db/shop"), stronger).mode()).isEqualTo(SslMode.VERIFY_IDENTITY);
        assertThat(mariaDbsOwnVerdict("jdbc:mariadb://db/shop", stronger)).isEqualTo(SslMode.VERIFY_IDENTITY);
        assertThat(mariaDb.resolve(TargetUrl.of("jdbc:mariadb://db/shop?sslMode=trust"), stronger).mode()).isEqualTo(SslMode.REQUIRED);
        assertThatThrownBy(() -> mariaDb.resolve(TargetUrl.of("jdbc:mariadb://db/shop?sslMode=sometimes"), null))
                .hasMessageContaining("sslMode=sometimes").hasMessageContaining("use disable, trust, verify-ca or verify-full");
    }

    private static SslMode mariaDbsOwnVerdict(String url, Properties properties) throws SQLException {
        return switch (Configuration.parse(url, properties).sslMode()) {
            case DISABLE -> SslMode.DISABLED;
            case TRUST -> SslMode.REQUIRED;
            case VERIFY_CA -> SslMode.VERIFY_CA;
            case VERIFY_FULL -> SslMode.VERIFY_IDENTITY;
        };
    }

    private static Properties properties(String pairs) {
        Properties p = new Properties();
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                String[] kv = pair.split("=", 2);
                p.setProperty(kv[0], kv[1]);
            }
        }
        return p;
    }
}
