package dev.jdbcguard.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.testdb.TestDatabase.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@value ExternalServerUrl#VARIABLE}: what is accepted, and that every mistake is named clearly. */
class ExternalServerUrlTest {

    @Test
    void readsCredentialsBeforeTheHost() {
        ExternalServerUrl url = ExternalServerUrl.parse("jdbc:mysql://root:s%40cret+1@db.example:3307/guard_test");
        assertThat(url).isEqualTo(new ExternalServerUrl("db.example", 3307, "guard_test", new Credentials("root", "s@cret+1")));
    }

    @Test
    void readsCredentialsFromParametersAndDefaultsThePort() {
        ExternalServerUrl url = ExternalServerUrl.parse(" jdbc:mysql://127.0.0.1/t1?user=admin&password=pw ");
        assertThat(url).isEqualTo(new ExternalServerUrl("127.0.0.1", 3306, "t1", new Credentials("admin", "pw")));
    }

    @Test
    void passwordIsOptional() {
        assertThat(ExternalServerUrl.parse("jdbc:mysql://root@localhost:3306/t").admin())
                .isEqualTo(new Credentials("root", ""));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                                     | is empty",
            "jdbc:postgresql://u:p@h/db                             | must start with jdbc:mysql://",
            "mysql://u:p@h/db                                       | must start with jdbc:mysql://",
            "jdbc:mysql://u:p@h:3306                                | names no database",
            "jdbc:mysql://u:p@h:3306/                               | names no database",
            "jdbc:mysql://u:p@h:3306/a/b                            | unusable database name 'a/b'",
            "jdbc:mysql://u:p@h:3306/db;drop                        | unusable database name 'db;drop'",
            "jdbc:mysql://u:p@h:port/db                             | the port 'port', which is not a number",
            "jdbc:mysql://u:p@h:70000/db                            | the port '70000', which is not a number from 1 to 65535",
            "jdbc:mysql://u:p@h1:3306,h2:3306/db                    | several hosts",
            "jdbc:mysql://u:p@/db                                   | names no host",
            "jdbc:mysql://u:p@:3306/db                              | names no host",
            "jdbc:mysql://h:3306/db                                 | names no user",
            "jdbc:mysql://h:3306/db?password=x                      | names no user",
            "jdbc:mysql://u:p@h:3306/db?sslMode=REQUIRED            | the parameter 'sslMode', but only",
            "jdbc:mysql://u:p%zz@h:3306/db                          | malformed %-escape",
    })
    void refusesWithAMessageNamingTheVariableAndTheProblem(String url, String problem) {
        assertThatThrownBy(() -> ExternalServerUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JDBC_GUARD_TEST_URL ")
                .hasMessageContaining(problem)
                .hasMessageContaining("Expected jdbc:mysql://[user[:password]@]host[:port]/database");
    }

    @Test
    void errorMessagesNeverShowThePassword() {
        assertThatThrownBy(() -> ExternalServerUrl.parse("jdbc:mysql://u:TopSecret@h:99999/db"))
                .hasMessageContaining("u:***@h:99999")
                .hasMessageNotContaining("TopSecret");
        assertThatThrownBy(() -> ExternalServerUrl.parse("jdbc:mysql://h/db?password=TopSecret&useSSL=true"))
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("TopSecret");
    }

    @Test
    void aMalformedVariableFailsTheRunAtOnceAndIsNotRetried() {
        try (TestServers servers = new TestServers(Map.of(ExternalServerUrl.VARIABLE, "jdbc:mariadb://h/db"))) {
            assertThatThrownBy(servers::primary)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JDBC_GUARD_TEST_URL must start with jdbc:mysql://");
            Throwable first = catchThrowable(servers::primary);
            assertThat(catchThrowable(servers::primary)).isSameAs(first);
        }
    }
}
