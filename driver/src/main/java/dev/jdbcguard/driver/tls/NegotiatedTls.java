package dev.jdbcguard.driver.tls;

import dev.jdbcguard.driver.mysql.ConnectorJObjects;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which TLS protocol an open session actually uses, or that it uses none.
 *
 * <p>Connector/J: read from the client's own socket ({@link ConnectorJSockets}; no round trip, and
 * the truth about this hop even behind a proxy such as vtgate, whose {@code SHOW STATUS} may describe
 * another connection). Other drivers: the server's {@code SHOW SESSION STATUS LIKE 'Ssl_version'},
 * one round trip per connect.
 */
final class NegotiatedTls {

    /** What {@link #of} returns for a plaintext session. */
    static final String NONE = "";

    private NegotiatedTls() {
    }

    /** The negotiated protocol ({@code TLSv1.3}) or {@link #NONE}. */
    static String of(Connection connection) throws SQLException {
        if (ConnectorJObjects.isConnectorJ(connection)) {
            String fromSocket = ConnectorJSockets.negotiatedProtocol(connection);
            if (fromSocket != null) {
                return fromSocket;
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
            String version = status.next() ? status.getString(2) : null;
            return version == null ? NONE : version.trim();
        }
    }
}
