package dev.jdbcguard.driver.engine;

import dev.jdbcguard.testdb.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Opens connections through the registered driver and {@code jdbc:guard:mysql://}, as an application does. */
final class Guarded {

    private Guarded() {
    }

    /** The app user over TLS with the harness CA ({@code VERIFY_IDENTITY}), so production's {@code tls.required} passes. */
    static Connection connect(TestDatabase db, String query) throws SQLException {
        return DriverManager.getConnection(db.guardUrl(query), db.tls("VERIFY_IDENTITY", db.app()));
    }

    /** A rule file in a fresh temp directory, for {@code guard.rules}. */
    static Path rulesFile(String yaml) {
        return rulesFile("rules.yaml", yaml);
    }

    /** A rule file named {@code name} (its engine's JMX name is {@code <name> (<profile>)}). */
    static Path rulesFile(String name, String yaml) {
        try {
            Path file = Files.createTempDirectory("jdbc-guard-e2e").resolve(name);
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            file.getParent().toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every warning on a chain, in order. */
    static List<SQLWarning> warnings(SQLWarning first) {
        List<SQLWarning> all = new ArrayList<>();
        for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
            all.add(w);
        }
        return all;
    }

    /** {@code table} (one {@code id} column) holding exactly the rows {@code 1..rows}, made with the admin connection. */
    static void rows(TestDatabase db, String table, int rows) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id INT PRIMARY KEY)");
            s.execute("DELETE FROM " + table + " WHERE id > 0");
            for (int id = 1; id <= rows; id++) {
                s.execute("INSERT INTO " + table + " VALUES (" + id + ")");
            }
        }
    }

    /** A single number read with the admin connection: what really is on the server. */
    static long adminCount(TestDatabase db, String sql) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            try (ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
