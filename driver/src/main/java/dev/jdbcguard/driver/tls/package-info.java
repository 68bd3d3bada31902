/**
 * {@code tls.required} and {@code tls.version}: {@link dev.jdbcguard.driver.tls.TlsGuard} judges the
 * effective {@code sslMode} before a connect (read with the target driver's own precedence:
 * {@code ConnectorJTlsSettings}, {@code MariaDbTlsSettings}), strengthens it when the rule says
 * {@code upgrade}, and after the connect confirms the session really is encrypted with a recent
 * enough protocol. Settings come from {@link dev.jdbcguard.driver.tls.TlsRequirement#from}.
 */
package dev.jdbcguard.driver.tls;
