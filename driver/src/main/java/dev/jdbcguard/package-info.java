/**
 * The entry points: {@link dev.jdbcguard.GuardDriver} (the JDBC driver for {@code jdbc:guard:} URLs)
 * and {@link dev.jdbcguard.GuardDataSource}.
 */
package dev.jdbcguard;
