package dev.jdbcguard.driver.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
            "jdbc:mysql://(host=db,user=carol,password=pw)/shop | | (host=db,user=carol,password=***)/shop",
            "jdbc:mysql://address=(host=db)(password=pw)/shop | bob | bob@address=(host=db)(password=***):3306/shop",
            "jdbc:postgresql://pg.example.com/shop | bob | bob@pg.example.com/shop",
            "jdbc:postgresql://pg.example.com:5433/shop?password=pw | bob | bob@pg.example.com:5433/shop",
    })
    void readsHostPortUserAndDatabaseWithoutThePassword(String url, String propertyUser, String expected)
            throws SQLNonTransientConnectionException {
        Properties info = new Properties();
        if (propertyUser != null) {
            info.setProperty("user", propertyUser);
        }
        info.setProperty("password", "pw");
        Target target = Target.of(TargetUrl.of(url), info);
        assertThat(target.toString()).isEqualTo(expected);
    }

    @Test
    void badUrlsAreClearErrorsWithoutThePassword() {
        assertThatThrownBy(() -> Target.of(TargetUrl.of("jdbc:mysql:db/shop?password=pw"), new Properties()))
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageContaining("expected jdbc:<driver>://host[:port]/database").hasMessageNotContaining("=pw");
        assertThatThrownBy(() -> Target.of(TargetUrl.of("jdbc:mysql://bob:pw@db:x/shop"), new Properties()))
                .hasMessageContaining("is not a number").hasMessageNotContaining(":pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://h:xx/db?password=pw", "jdbc:mariadb://h:xx/db?password=pw",
            "jdbc:mysql+srv://bob:pw@h:/db", "jdbc:mariadb:h/db?password=pw", "jdbc:mysql:db?next=//h:3306/db&password=pw",
            "jdbc:mysql://db/shop?user=%zz&password=pw"})
    void malformedMysqlFamilyUrlsStayErrors(String url) {
        assertThatThrownBy(() -> Target.of(TargetUrl.of(url), new Properties()))
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageStartingWith("[jdbc-guard] ").hasMessageNotContaining("pw");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:stub:bench | jdbc:stub:bench",
            "jdbc:stub:Bench;user=x;password=pw | jdbc:stub:Bench;user=x;password=***",
            "jdbc:h2:mem:shop?password=pw&DB_CLOSE_DELAY=-1 | jdbc:h2:mem:shop?password=***&DB_CLOSE_DELAY=-1",
            "jdbc:sqlserver://h:1433;databaseName=shop;password=pw | jdbc:sqlserver://h:1433;databaseName=shop;password=***",
            "jdbc:stub:bench?next=//h:3306/db | jdbc:stub:bench?next=//h:3306/db",
    })
    void anotherDriversUrlWithoutAReadableHostIsAnOpaqueTargetWithoutThePassword(String url, String host)
            throws SQLNonTransientConnectionException {
        Properties info = new Properties();
        info.setProperty("user", "bob");
        info.setProperty("password", "pw");

        Target target = Target.of(TargetUrl.of(url), info);

        assertThat(target).isEqualTo(new Target(host, 0, "bob", ""));
        assertThat(target.toString()).isEqualTo("bob@" + host);
        assertThat(target.isLoopback()).isFalse();
        assertThat(Target.of(TargetUrl.of(url), null)).isEqualTo(new Target(host, 0, "", ""));
    }

    @Test
    void opaqueTargetsAreOneKeyPerUrlAndAccountWhateverThePassword() throws SQLNonTransientConnectionException {
        Properties bob = new Properties();
        bob.setProperty("user", "bob");
        Properties alice = new Properties();
        alice.setProperty("user", "alice");

        assertThat(Target.of(TargetUrl.of("jdbc:stub:bench?password=one"), bob)).isEqualTo(Target.of(TargetUrl.of("jdbc:stub:bench?password=two"), bob))
                .isNotEqualTo(Target.of(TargetUrl.of("jdbc:stub:bench?password=one"), alice))
                .isNotEqualTo(Target.of(TargetUrl.of("jdbc:stub:other?password=one"), bob));
    }

    @ParameterizedTest
    @CsvSource({"localhost,true", "127.0.0.1,true", "127.8.9.10,true", "[::1],true", "::1,true",
            "0:0:0:0:0:0:0:1,true", "10.0.0.1,false", "db.example.com,false", "localhost.example.com,false",
            "127.0.0.1.nip.io,false"})
    void loopbackOnlyForLiterals(String host, boolean loopback) {
        assertThat(new Target(host, 3306, "u", "d").isLoopback()).isEqualTo(loopback);
    }
}
