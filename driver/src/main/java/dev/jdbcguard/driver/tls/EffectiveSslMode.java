package dev.jdbcguard.driver.tls;

/**
 * The {@code sslMode} a target driver will use for one connect, and where it came from, so a refusal
 * can name the setting to change.
 *
 * @param mode    the mode after the driver's own precedence and legacy mappings
 * @param origin  whether the URL, the {@code Properties} or the driver's default decided it
 * @param setting the deciding setting as written ({@code sslMode=PREFERRED}, {@code useSSL=true}),
 *                or the default's description
 */
record EffectiveSslMode(SslMode mode, Origin origin, String setting) {

    /** Who decided the mode. */
    enum Origin { DEFAULT, URL, PROPERTIES }
}
