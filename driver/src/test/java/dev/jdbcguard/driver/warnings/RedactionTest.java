package dev.jdbcguard.driver.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

    @Test
    void textWithoutSecretsIsReturnedAsIs() {
        String text = "DELETE without WHERE on orders — the password is never logged";

        assertThat(Redaction.redact(text)).isSameAs(text);
        assertThat(Redaction.redact((String) null)).isNull();
    }

    @Test
    void masksValuesOfSecretKeysInEverySpelling() {
        assertThat(Redaction.redact("url?user=app&password=hunter2&useSSL=true"))
                .isEqualTo("url?user=app&password=***&useSSL=true");
        assertThat(Redaction.redact("PASSWORD = 'hunter 2', next")).isEqualTo("PASSWORD = '***', next");
        assertThat(Redaction.redact("{password=\"hunter2")).isEqualTo("{password=\"***");
        assertThat(Redaction.redact("pwd:hunter2;token=abc;clientSecret=xyz"))
                .isEqualTo("pwd:***;token=***;clientSecret=***");
        assertThat(Redaction.redact("passwd=a apiCredentials: b, where password = ? and id = ?"))
                .isEqualTo("passwd=*** apiCredentials: ***, where password = *** and id = ?");
    }

    @Test
    void masksThePasswordOfAUrlsUserInfoOnly() {
        assertThat(Redaction.redact("jdbc:guard:mysql://app:hunter2@db:3306/shop and //host:3306/x"))
                .isEqualTo("jdbc:guard:mysql://app:***@db:3306/shop and //host:3306/x");
        assertThat(Redaction.redact("jdbc:mysql://app@db/shop")).isEqualTo("jdbc:mysql://app@db/shop");
        assertThat(Redaction.redact("from //a:x@b/c to //d:y@e?f")).isEqualTo("from //a:***@b/c to //d:***@e?f");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:mysql://bob:s3cr@t@db.example.com:3306/shop?sslMode=VERIFY_IDENTITY | jdbc:mysql://bob:***@db.example.com:3306/shop?sslMode=VERIFY_IDENTITY",
            "jdbc:mysql://db/shop?user=bob&password=s3cr&useSSL=false | jdbc:mysql://db/shop?user=bob&password=***&useSSL=false",
            "jdbc:mysql://db/shop?password1=a&password2=b&password3=c | jdbc:mysql://db/shop?password1=***&password2=***&password3=***",
            "jdbc:mysql://db/shop?trustCertificateKeyStorePassword=changeit | jdbc:mysql://db/shop?trustCertificateKeyStorePassword=***",
            "jdbc:mysql://(host=db,user=bob,password=s3cr)/shop | jdbc:mysql://(host=db,user=bob,password=***)/shop",
            "jdbc:mysql://address=(host=db)(password=s3cr)/shop | jdbc:mysql://address=(host=db)(password=***)/shop",
            "jdbc:mariadb://db/shop?PASSWORD=s3cr;keyStorePassword=k | jdbc:mariadb://db/shop?PASSWORD=***;keyStorePassword=***",
            "jdbc:mysql://db:3306/shop?user=bob | jdbc:mysql://db:3306/shop?user=bob",
            "jdbc:mysql://tokens:3306,secrets:3307/shop?a=1 | jdbc:mysql://tokens:3306,secrets:3307/shop?a=1",
            "jdbc:stub:bench?password=s3cr | jdbc:stub:bench?password=***",
    })
    void redactsEveryUrlSecretForm(String url, String redacted) {
        assertThat(Redaction.redact(url)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://bob:pw@db/shop", "jdbc:mysql://db/shop?password=pw",
            "jdbc:mysql://db/shop?user=bob&password2=pw", "jdbc:mysql://(host=db,password=pw)/shop",
            "jdbc:mariadb://db/shop?user=bob;PASSWORD = pw"})
    void findsALoginPassword(String url) {
        assertThat(Redaction.hasPassword(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://bob@db:3306/shop", "jdbc:mysql://db:3306/shop?user=bob",
            "jdbc:mysql://db/shop?trustCertificateKeyStorePassword=changeit", "jdbc:mysql://db:3306/shop?x=a@b",
            "jdbc:mysql://db/shop?passwordCharacterEncoding=utf8", "jdbc:mysql://db/shop?password4=pw"})
    void keystorePasswordsAndPortsAreNotLoginPasswords(String url) {
        assertThat(Redaction.hasPassword(url)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"password,true", "PASSWORD,true", "password2,true", "trustCertificateKeyStorePassword,true",
            "keyStorePassword,true", "passwd,true", "PWD,true", "clientSecret,true", "authToken,true",
            "credentials,true", "user,false", "sslMode,false", "keyStoreType,false", "pas sword,false"})
    void secretKeysAreNamedByWhatTheyContain(String name, boolean secret) {
        assertThat(Redaction.redact(name + "=v4lue")).isEqualTo(name + (secret ? "=***" : "=v4lue"));
    }
}
