/**
 * The connection-level rules and their wiring into the driver's hook
 * ({@link dev.jdbcguard.driver.connections.ConnectionRules}): {@code conn.cap} (fair gates per
 * {@link dev.jdbcguard.driver.connections.Target} and JVM-wide, in
 * {@link dev.jdbcguard.driver.connections.ConnectionGuard}), {@code conn.churn}, {@code conn.leak},
 * {@code conn.lifetime} and {@code conn.credentials-in-url}; a
 * {@link dev.jdbcguard.driver.connections.Lease} per connection gives its places back exactly once.
 * {@link dev.jdbcguard.driver.connections.UrlSecrets} keeps passwords out of every message.
 */
package dev.jdbcguard.driver.connections;
