/**
 * Enforcement: where the driver's hook meets the rules and the checks.
 *
 * <p>{@link dev.jdbcguard.driver.engine.Engines} (one per {@code GuardDriver} or
 * {@code GuardDataSource}) keeps one {@link dev.jdbcguard.driver.engine.GuardEngine} per distinct
 * {@link dev.jdbcguard.driver.engine.EngineSettings} (rule selection and engine-wide
 * {@code guard.*} settings). An engine owns the rule source, the statement judge, the warning
 * reporter, the metrics, the connection rules ({@code dev.jdbcguard.driver.connections},
 * {@code dev.jdbcguard.driver.tls}) and the query checks ({@code dev.jdbcguard.driver.query}).
 * Each connection gets one {@code EngineHook}: statement rules first (block before the server
 * sees anything, warn onto the statement's warnings), then the query checks and the connection
 * rules, each called directly.
 *
 * <p>Order on connect: connection rules (credentials in the URL, TLS setting, a place under the
 * cap), the target driver's connect, the TLS session check; on a statement: judge (cache hit),
 * statement rules, query checks before execution, the execution, query checks after it.
 */
package dev.jdbcguard.driver.engine;
