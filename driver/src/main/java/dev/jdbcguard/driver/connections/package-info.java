/**
 * The connection-level rules and their wiring into the driver's hook
 * ({@link dev.jdbcguard.driver.connections.ConnectionRules}): {@code conn.cap} (fair gates per
 * {@link dev.jdbcguard.driver.url.Target} and JVM-wide, in
 * {@link dev.jdbcguard.driver.connections.ConnectionGuard}), {@code conn.churn}, {@code conn.leak},
 * {@code conn.lifetime} and {@code conn.credentials-in-url}; a
 * {@link dev.jdbcguard.driver.connections.Lease} per connection gives its places back exactly once.
 * Passwords stay out of every message: targets print without them and URLs only through
 * {@link dev.jdbcguard.driver.warnings.Redaction}.
 */
package dev.jdbcguard.driver.connections;
