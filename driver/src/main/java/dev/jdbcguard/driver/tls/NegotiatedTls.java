package dev.jdbcguard.driver.tls;

import com.mysql.cj.NativeSession;
import com.mysql.cj.Session;
import com.mysql.cj.jdbc.JdbcConnection;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.net.ssl.SSLSocket;

/**
 * Which TLS protocol an open session actually uses, or that it uses none.
 *
 * <p>Connector/J: read from the client's own socket (no round trip, and the truth about this hop even
 * behind a proxy such as vtgate, whose {@code SHOW STATUS} may describe another connection). Other
 * drivers: the server's {@code SHOW SESSION STATUS LIKE 'Ssl_version'}, one round trip per connect.
 */
final class NegotiatedTls {

    /** What {@link #of} returns for a plaintext session. */
    static final String NONE = "";

    private NegotiatedTls() {
    }

    /** The negotiated protocol ({@code TLSv1.3}) or {@link #NONE}. */
    static String of(Connection connection) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)) {
            String fromSocket = fromConnectorJ(connection.unwrap(JdbcConnection.class).getSession());
            if (fromSocket != null) {
                return fromSocket;
            }
        }
        return fromServer(connection);
    }

    /** {@code null} when the socket cannot be reached (a load-balanced or X-protocol session). */
    private static String fromConnectorJ(Session session) {
        if (!session.isSSLEstablished()) {
            return NONE;
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

    private static String fromServer(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
            return status.next() && status.getString(2) != null ? status.getString(2).trim() : NONE;
        }
    }
}
