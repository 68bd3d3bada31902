/** The {@code jdbc:guard:<target>:<rest>} URL and the {@code guard.*} settings: parsing, stripping, validation. */
package dev.jdbcguard.driver.url;
