/**
 * Flyway's database plugin for {@code jdbc:guard:} URLs ({@link dev.jdbcguard.driver.flyway.GuardDatabaseType}).
 * Optional: loaded only by Flyway's {@code ServiceLoader}, so nothing here runs without Flyway.
 */
package dev.jdbcguard.driver.flyway;
