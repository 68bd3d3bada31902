/**
 * The central hook: the one interface through which the guard learns about every connection,
 * SQL text, execution, result and transaction boundary. Enforcement implements
 * {@link dev.jdbcguard.driver.hook.ConnectionHookFactory}.
 */
package dev.jdbcguard.driver.hook;
