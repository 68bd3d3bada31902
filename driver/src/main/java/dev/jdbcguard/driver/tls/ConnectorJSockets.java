package dev.jdbcguard.driver.tls;

import com.mysql.cj.NativeSession;
import com.mysql.cj.Session;
import com.mysql.cj.jdbc.JdbcConnection;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import javax.net.ssl.SSLSocket;

/** The Connector/J internals {@link NegotiatedTls} reads; loaded only for Connector/J connections. */
final class ConnectorJSockets {

    private ConnectorJSockets() {
    }

    /**
     * {@link NegotiatedTls#NONE} when Connector/J says the session is plaintext, the protocol of its
     * TLS socket, or {@code null} when the socket cannot be reached (load-balanced and replication
     * connections, a future internal change): the caller then asks the server.
     */
    static String negotiatedProtocol(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        if (!session.isSSLEstablished()) {
            return NegotiatedTls.NONE;
        }
        if (session instanceof NativeSession nativeSession) {
            try {
                Socket socket = nativeSession.getProtocol().getSocketConnection().getMysqlSocket();
                if (socket instanceof SSLSocket tls) {
                    return tls.getSession().getProtocol();
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
