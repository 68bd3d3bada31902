/**
 * Liquibase's default driver for {@code jdbc:guard:} URLs ({@link dev.jdbcguard.driver.liquibase.GuardDriverHint}).
 * Optional: loaded only by Liquibase's service locator.
 */
package dev.jdbcguard.driver.liquibase;
