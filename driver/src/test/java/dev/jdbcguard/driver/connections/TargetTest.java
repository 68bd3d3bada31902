package dev.jdbcguard.driver.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:mysql://DB.example.com:3307/shop?sslMode=REQUIRED | | db.example.com:3307/shop",
            "jdbc:mysql://db.example.com/shop | bob | bob@db.example.com:3306/shop",
            "jdbc:mysql://alice:pw@db/shop | | alice@db:3306/shop",
            "jdbc:mysql://db/shop?user=carol | | carol@db:3306/shop",
            "jdbc:mariadb://[::1]:3310/shop | bob | bob@[::1]:3310/shop",
            "jdbc:mysql://h1:3306,h2:3307/shop | bob | bob@h1:3306,h2:3307/shop",
            "jdbc:mysql://db:3306 | bob | bob@db:3306",
    })
    void readsHostPortUserAndDatabaseWithoutThePassword(String url, String propertyUser, String expected)
            throws SQLNonTransientConnectionException {
        Properties info = new Properties();
        if (propertyUser != null) {
            info.setProperty("user", propertyUser);
        }
        info.setProperty("password", "pw");
        Target target = Target.of(url, info);
        assertThat(target.toString()).isEqualTo(expected);
    }

    @Test
    void badUrlsAreClearErrorsWithoutThePassword() {
        assertThatThrownBy(() -> Target.of("jdbc:mysql:db/shop?password=pw", new Properties()))
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageContaining("expected jdbc:<driver>://host[:port]/database").hasMessageNotContaining("=pw");
        assertThatThrownBy(() -> Target.of("jdbc:mysql://bob:pw@db:x/shop", new Properties()))
                .hasMessageContaining("is not a number").hasMessageNotContaining(":pw");
    }

    @ParameterizedTest
    @CsvSource({"localhost,true", "127.0.0.1,true", "127.8.9.10,true", "[::1],true", "::1,true",
            "0:0:0:0:0:0:0:1,true", "10.0.0.1,false", "db.example.com,false", "localhost.example.com,false",
            "127.0.0.1.nip.io,false"})
    void loopbackOnlyForLiterals(String host, boolean loopback) {
        assertThat(new Target(host, 3306, "u", "d").isLoopback()).isEqualTo(loopback);
    }
}
