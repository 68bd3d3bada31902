package dev.jdbcguard.testdb;

import dev.jdbcguard.testdb.TestDatabase.Credentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the test schema and logins on a server, the same way whichever path obtained it.
 *
 * <p>Each login exists for host {@code '%'} and {@code 'localhost'}: a fresh datadir's anonymous
 * {@code ''@'localhost'} would otherwise win over {@code 'app'@'%'} for loopback connections. On MySQL
 * the logins use {@code mysql_native_password} when that plugin is active, so a plaintext login works
 * without RSA key retrieval, as it does on MariaDB.
 */
final class Accounts {

    static final String ADMIN_USER = "guard_admin";
    static final String APP_USER = "app";
    static final String TLS_USER = "app_tls";
    private static final List<String> HOSTS = List.of("%", "localhost");

    private final Credentials app;
    private final Credentials tlsUser;

    private Accounts(Credentials app, Credentials tlsUser) {
        this.app = app;
        this.tlsUser = tlsUser;
    }

    Credentials app() {
        return app;
    }

    Credentials tlsUser() {
        return tlsUser;
    }

    /**
     * On a server this run just created: drops the anonymous logins and creates {@value #ADMIN_USER} with
     * all privileges and a random password.
     */
    static Credentials secureFreshServer(Connection root) throws SQLException {
        List<String> anonymousHosts = new ArrayList<>();
        try (Statement statement = root.createStatement();
             ResultSet rows = statement.executeQuery("SELECT host FROM mysql.user WHERE user = ''")) {
            while (rows.next()) {
                anonymousHosts.add(rows.getString(1));
            }
        }
        for (String host : anonymousHosts) {
            execute(root, "DROP USER ''@'" + host.replace("'", "''") + "'");
        }
        Credentials admin = new Credentials(ADMIN_USER, Secrets.random());
        for (String host : HOSTS) {
            createOrReset(root, admin, host, "REQUIRE NONE");
            execute(root, "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'" + host + "' WITH GRANT OPTION");
        }
        return admin;
    }

    /**
     * As an admin: (re)creates {@code database} empty and the logins {@value #APP_USER} and
     * {@value #TLS_USER} with full rights on it and fresh random passwords.
     *
     * @throws SQLException with a hint when the admin lacks the privileges to do so
     */
    static Accounts createSchemaAndLogins(Connection admin, String database) throws SQLException {
        try {
            execute(admin, "DROP DATABASE IF EXISTS `" + database + "`");
            execute(admin, "CREATE DATABASE `" + database + "`");
            Credentials app = new Credentials(APP_USER, Secrets.random());
            Credentials tlsUser = new Credentials(TLS_USER, Secrets.random());
            for (String host : HOSTS) {
                createOrReset(admin, app, host, "REQUIRE NONE");
                createOrReset(admin, tlsUser, host, "REQUIRE SSL");
                execute(admin, "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + APP_USER + "'@'" + host + "'");
                execute(admin, "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + TLS_USER + "'@'" + host + "'");
            }
            return new Accounts(app, tlsUser);
        } catch (SQLException e) {
            throw new SQLException("Cannot create the test schema `" + database + "` and the logins " + APP_USER
                    + "/" + TLS_USER + " (the admin login needs CREATE, DROP, CREATE USER and GRANT OPTION): "
                    + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private static void createOrReset(Connection connection, Credentials who, String host, String requirement)
            throws SQLException {
        String account = "'" + who.user() + "'@'" + host + "'";
        String identified = identifiedBy(connection);
        try (PreparedStatement create = connection.prepareStatement(
                "CREATE USER IF NOT EXISTS " + account + " " + identified + " ?")) {
            create.setString(1, who.password());
            create.execute();
        }
        try (PreparedStatement alter = connection.prepareStatement(
                "ALTER USER " + account + " " + identified + " ? " + requirement)) {
            alter.setString(1, who.password());
            alter.execute();
        }
    }

    private static String identifiedBy(Connection connection) throws SQLException {
        String version = connection.getMetaData().getDatabaseProductVersion();
        if (version.contains("MariaDB")) {
            return "IDENTIFIED BY";
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PLUGINS "
                     + "WHERE PLUGIN_NAME = 'mysql_native_password' AND PLUGIN_STATUS = 'ACTIVE'")) {
            rows.next();
            return rows.getInt(1) > 0 ? "IDENTIFIED WITH mysql_native_password BY" : "IDENTIFIED BY";
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
