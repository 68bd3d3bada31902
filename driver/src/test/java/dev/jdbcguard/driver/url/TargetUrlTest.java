package dev.jdbcguard.driver.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.conf.ConnectionUrl;
import com.mysql.cj.conf.DefaultPropertySet;
import com.mysql.cj.conf.PropertyKey;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mariadb.jdbc.Configuration;

/**
 * The key rules {@link TargetUrl} states for each driver, checked against the drivers themselves: for each URL and
 * {@code Properties}, the guard's answer equals what Connector/J's own {@code ConnectionUrl} and MariaDB
 * Connector/J's {@code Configuration.parse} make of them.
 */
class TargetUrlTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "jdbc:mysql://db/shop?sslMode=DISABLED                     | -                  ",
            "jdbc:mysql://db/shop?sslmode=DISABLED                     | -                  ", // keys are exact: ignored
            "jdbc:mysql://db/shop?SSLMODE=DISABLED                     | -                  ",
            "jdbc:mysql://db/shop?sslMode=DISABLED&sslMode=REQUIRED    | -                  ", // the last counts
            "jdbc:mysql://db/shop?sslMode=DISABLED                     | sslMode=REQUIRED   ", // Properties win
            "jdbc:mysql://db/shop                                      | sslmode=DISABLED   ",
            "jdbc:mysql://db/shop?x=1&&sslMode=VERIFY_CA&              | -                  ",
    })
    void connectorJsSslModeIsWhatConnectorJReads(String url, String property) throws SQLException {
        Properties info = properties(property);
        TargetUrl.Setting setting = TargetUrl.of(url).setting("sslMode", info);
        DefaultPropertySet connectorJ = new DefaultPropertySet();
        connectorJ.initializeProperties(ConnectionUrl.getConnectionUrlInstance(url, info).getMainHost().exposeAsProperties());
        String expected = connectorJ.getEnumProperty(PropertyKey.sslMode).getValue().toString();
        // Connector/J's unset default is PREFERRED
        assertThat(setting == null ? "PREFERRED" : setting.value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "jdbc:mysql://db/shop?user=alice                           | -                  | alice",
            "jdbc:mysql://db/shop?USER=alice                           | -                  | alice", // user folds
            "jdbc:mysql://db/shop?user=alice                           | User=bob           | bob  ",
            "jdbc:mysql://db/shop?user=al%69ce                         | -                  | alice",
            "jdbc:mysql://db/shop?user=alice&user=carol                | -                  | carol",
    })
    void connectorJsUserIsWhatConnectorJReads(String url, String property, String user) throws SQLException {
        Properties info = properties(property);
        assertThat(ConnectionUrl.getConnectionUrlInstance(url, info).getMainHost().getUser()).isEqualTo(user);
        assertThat(TargetUrl.of(url).setting("user", info).value()).isEqualTo(user);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "jdbc:mariadb://db/shop?sslMode=trust                      | -                  ",
            "jdbc:mariadb://db/shop?SSLMODE=trust                      | -                  ", // every key folds
            "jdbc:mariadb://db/shop?sslMode=trust&sslMode=verify-full  | -                  ", // the last counts
            "jdbc:mariadb://db/shop?sslMode=trust                      | sslMode=verify-ca  ", // the URL wins
            "jdbc:mariadb://db/shop                                    | SSLMODE=verify-ca  ",
    })
    void mariaDbsSslModeIsWhatMariaDbConnectorJReads(String url, String property) throws SQLException {
        Properties info = properties(property);
        TargetUrl.Setting setting = TargetUrl.of(url).setting("sslMode", info);
        String expected = Configuration.parse(url, info).sslMode().name().toLowerCase().replace('_', '-');
        assertThat(setting.value()).isEqualTo(expected);
    }

    @Test
    void anotherDriversUrlIsNotReadOnlyItsProperties() throws SQLException {
        Properties info = properties("user=bob");
        TargetUrl other = TargetUrl.of("jdbc:postgresql://pg/shop?user=alice&sslmode=disable");
        assertThat(other.family()).isEqualTo(TargetUrl.Family.OTHER);
        assertThat(other.setting("user", info).value()).isEqualTo("bob");
        assertThat(other.setting("sslmode", info)).isNull();
    }

    @Test
    void whereTheWinningValueCameFromIsKnown() throws SQLException {
        assertThat(TargetUrl.of("jdbc:mariadb://db/shop?SslMode=trust").setting("sslMode", properties("sslMode=disable")))
                .isEqualTo(new TargetUrl.Setting("SslMode", "trust", true));
        assertThat(TargetUrl.of("jdbc:mysql://db/shop?sslMode=DISABLED").setting("sslMode", properties("sslMode=REQUIRED")))
                .isEqualTo(new TargetUrl.Setting("sslMode", "REQUIRED", false));
    }

    @Test
    void aBadlyEncodedValueNamesItsKeyButNotTheValue() {
        assertThatThrownBy(() -> TargetUrl.of("jdbc:mysql://db/shop?user=%zzsecret").setting("user", null))
                .isInstanceOf(java.sql.SQLNonTransientConnectionException.class)
                .hasMessageContaining("the value of user in the URL is not valid percent-encoding")
                .hasMessageNotContaining("secret");
    }

    @Test
    void theQueryIsKeptPieceByPieceForWritingBack() {
        assertThat(TargetUrl.split("a=1&&b=%26x=&c&")).extracting(TargetUrl.Parameter::text)
                .containsExactly("a=1", "", "b=%26x=", "c");
    }

    private static Properties properties(String pair) {
        Properties info = new Properties();
        if (pair != null) {
            int equals = pair.indexOf('=');
            info.setProperty(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return info;
    }
}
