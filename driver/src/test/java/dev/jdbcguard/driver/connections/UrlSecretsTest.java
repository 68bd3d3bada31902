package dev.jdbcguard.driver.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UrlSecretsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:mysql://bob:s3cr@t@db.example.com:3306/shop?sslMode=VERIFY_IDENTITY | jdbc:mysql://bob:****@db.example.com:3306/shop?sslMode=VERIFY_IDENTITY",
            "jdbc:mysql://db/shop?user=bob&password=s3cr&useSSL=false | jdbc:mysql://db/shop?user=bob&password=****&useSSL=false",
            "jdbc:mysql://db/shop?password1=a&password2=b&password3=c | jdbc:mysql://db/shop?password1=****&password2=****&password3=****",
            "jdbc:mysql://db/shop?trustCertificateKeyStorePassword=changeit | jdbc:mysql://db/shop?trustCertificateKeyStorePassword=****",
            "jdbc:mysql://(host=db,user=bob,password=s3cr)/shop | jdbc:mysql://(host=db,user=bob,password=****)/shop",
            "jdbc:mysql://address=(host=db)(password=s3cr)/shop | jdbc:mysql://address=(host=db)(password=****)/shop",
            "jdbc:mariadb://db/shop?PASSWORD=s3cr;keyStorePassword=k | jdbc:mariadb://db/shop?PASSWORD=****;keyStorePassword=****",
            "jdbc:mysql://db:3306/shop?user=bob | jdbc:mysql://db:3306/shop?user=bob",
    })
    void redactsEverySecretForm(String url, String redacted) {
        assertThat(UrlSecrets.redact(url)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://bob:pw@db/shop", "jdbc:mysql://db/shop?password=pw",
            "jdbc:mysql://db/shop?user=bob&password2=pw", "jdbc:mysql://(host=db,password=pw)/shop"})
    void findsALoginPassword(String url) {
        assertThat(UrlSecrets.hasPassword(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://bob@db:3306/shop", "jdbc:mysql://db:3306/shop?user=bob",
            "jdbc:mysql://db/shop?trustCertificateKeyStorePassword=changeit", "jdbc:mysql://db:3306/shop?x=a@b"})
    void keystorePasswordsAndPortsAreNotLoginPasswords(String url) {
        assertThat(UrlSecrets.hasPassword(url)).isFalse();
    }

    @Test
    void redactsPropertyValuesByKeyName() {
        Properties info = new Properties();
        info.setProperty("user", "bob");
        info.setProperty("password", "s3cr");
        info.setProperty("trustCertificateKeyStorePassword", "changeit");
        info.setProperty("sslMode", "VERIFY_IDENTITY");
        assertThat(UrlSecrets.redact(info)).containsEntry("user", "bob").containsEntry("password", "****")
                .containsEntry("trustCertificateKeyStorePassword", "****").containsEntry("sslMode", "VERIFY_IDENTITY")
                .hasSize(4);
    }
}
