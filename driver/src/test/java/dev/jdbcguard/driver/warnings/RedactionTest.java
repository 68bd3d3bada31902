package dev.jdbcguard.driver.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void textWithoutSecretsIsReturnedAsIs() {
        String text = "DELETE without WHERE on orders — the password is never logged";

        assertThat(Redaction.scrub(text)).isSameAs(text);
    }

    @Test
    void masksValuesOfSecretKeysInEverySpelling() {
        assertThat(Redaction.scrub("url?user=app&password=hunter2&useSSL=true"))
                .isEqualTo("url?user=app&password=***&useSSL=true");
        assertThat(Redaction.scrub("PASSWORD = 'hunter 2', next")).isEqualTo("PASSWORD = '***', next");
        assertThat(Redaction.scrub("{password=\"hunter2")).isEqualTo("{password=\"***");
        assertThat(Redaction.scrub("pwd:hunter2;token=abc;clientSecret=xyz"))
                .isEqualTo("pwd:***;token=***;clientSecret=***");
    }

    @Test
    void masksThePasswordOfAUrlsUserInfoOnly() {
        assertThat(Redaction.scrub("jdbc:guard:mysql://app:hunter2@db:3306/shop and //host:3306/x"))
                .isEqualTo("jdbc:guard:mysql://app:***@db:3306/shop and //host:3306/x");
        assertThat(Redaction.scrub("jdbc:mysql://app@db/shop")).isEqualTo("jdbc:mysql://app@db/shop");
    }
}
