package dev.jdbcguard.testdb;

import dev.jdbcguard.testdb.TestDatabase.Credentials;

/**
 * Where a ready test server listens and who may log in: an admin with all privileges, {@code app}
 * (full rights on {@code database}, no TLS requirement) and {@code tlsUser} (same rights, REQUIRE SSL).
 */
record ServerEndpoint(String host, int port, String database, Credentials admin, Credentials app,
                      Credentials tlsUser) {
}
