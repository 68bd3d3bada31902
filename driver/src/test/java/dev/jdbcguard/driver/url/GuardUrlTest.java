package dev.jdbcguard.driver.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Parsing of jdbc:guard URLs: pure string handling, so no database is involved. */
class GuardUrlTest {

    @Test
    void stripsThePrefixOnceAndKeepsTheRestExactly() throws SQLException {
        GuardUrl url = GuardUrl.parse("jdbc:guard:mysql://h:3306/jdbc:guard:db?a=1&&b=%26x=&c", null);
        assertThat(url.targetUrl()).isEqualTo("jdbc:mysql://h:3306/jdbc:guard:db?a=1&&b=%26x=&c");
        assertThat(url.targetScheme()).isEqualTo("jdbc:mysql:");
        assertThat(url.settings()).isEqualTo(GuardSettings.EMPTY);
    }

    @Test
    void removesGuardParametersWhereverTheyAreAndKeepsTheOthersInOrder() throws SQLException {
        GuardUrl url = GuardUrl.parse(
                "jdbc:guard:mysql://h1,h2/db?guard.profile=production&sslMode=VERIFY_IDENTITY&guard.rules=%2Fetc%2Fg.yaml&x=y", null);
        assertThat(url.targetUrl()).isEqualTo("jdbc:mysql://h1,h2/db?sslMode=VERIFY_IDENTITY&x=y");
        assertThat(url.settings().asMap()).containsExactly(
                Map.entry(GuardSetting.PROFILE, "production"), Map.entry(GuardSetting.RULES, "/etc/g.yaml"));
    }

    @Test
    void aUrlWithOnlyGuardParametersLosesItsQuery() throws SQLException {
        assertThat(GuardUrl.parse("jdbc:guard:mariadb://h/db?guard.profile=planetscale", null).targetUrl())
                .isEqualTo("jdbc:mariadb://h/db");
    }

    @Test
    void guardPropertiesAreRemovedFromACopyAndOverrideTheUrl() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "app");
        info.setProperty("guard.profile", "planetscale");
        GuardUrl url = GuardUrl.parse("jdbc:guard:mysql://h/db?guard.profile=production", info);
        assertThat(url.properties()).containsOnlyKeys("user");
        assertThat(url.settings().get(GuardSetting.PROFILE)).contains("planetscale");
        assertThat(info).containsKeys("user", "guard.profile");
    }

    @Test
    void propertiesDefaultsAreCarriedToTheTarget() throws SQLException {
        Properties defaults = new Properties();
        defaults.setProperty("password", "secret");
        Properties info = new Properties(defaults);
        info.setProperty("user", "app");
        assertThat(GuardUrl.parse("jdbc:guard:mysql://h/db", info).properties())
                .containsEntry("user", "app").containsEntry("password", "secret");
    }

    @Test
    void anUnknownGuardKeyInTheUrlIsNamedWithTheKnownKeys() {
        assertThatThrownBy(() -> GuardUrl.parse("jdbc:guard:mysql://h/db?password=secret&guard.profle=x", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("unknown setting 'guard.profle'")
                .hasMessageContaining("known settings: guard.profile, guard.rules")
                .hasMessageNotContaining("secret");
    }

    @Test
    void anUnknownGuardKeyInThePropertiesIsNamedWithTheKnownKeys() {
        Properties info = new Properties();
        info.setProperty("GUARD.Profile", "x");
        assertThatThrownBy(() -> GuardUrl.parse("jdbc:guard:mysql://h/db", info))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("unknown setting 'GUARD.Profile' in the connection Properties")
                .hasMessageContaining("guard.profile, guard.rules");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:guard:", "jdbc:guard:mysql", "jdbc:guard:mysql:", "jdbc:guard::x", "jdbc:guard:my sql://h",
            "jdbc:guard:guard:mysql://h/db"})
    void malformedUrlsFailWithTheExpectedFormat(String malformed) {
        assertThatThrownBy(() -> GuardUrl.parse(malformed, null))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("[jdbc-guard] malformed URL '" + malformed + "'")
                .hasMessageContaining("expected jdbc:guard:<target>:<target URL rest>");
    }

    @Test
    void aBadlyEncodedGuardValueIsAnSqlException() {
        assertThatThrownBy(() -> GuardUrl.parse("jdbc:guard:mysql://h/db?guard.profile=%zz", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("the value of guard.profile is not valid percent-encoding");
    }

    @Test
    void messagesNeverShowTheQueryString() {
        assertThatThrownBy(() -> GuardUrl.parse("jdbc:guard:mysql?password=secret", null))
                .hasMessageContaining("jdbc:guard:mysql?...")
                .hasMessageNotContaining("secret");
    }

    @Test
    void acceptsOnlyTheGuardPrefix() {
        assertThat(GuardUrl.accepts("jdbc:guard:mysql://h/db")).isTrue();
        assertThat(GuardUrl.accepts("jdbc:guard:")).isTrue();
        assertThat(GuardUrl.accepts("jdbc:mysql://h/db")).isFalse();
        assertThat(GuardUrl.accepts("jdbc:p6spy:mysql://h/db")).isFalse();
        assertThat(GuardUrl.accepts("JDBC:GUARD:mysql://h/db")).isFalse();
        assertThat(GuardUrl.accepts(null)).isFalse();
    }
}
