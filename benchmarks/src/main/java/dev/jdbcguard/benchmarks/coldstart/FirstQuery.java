package dev.jdbcguard.benchmarks.coldstart;

import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What a fresh JVM does in {@link ColdStart}: open one connection and run one query, as a CLI tool, a forked test JVM
 * or a serverless function does first. It uses nothing but {@code java.sql}, so that it runs on a class path of the
 * target driver (and, for the guarded run, the guard's jar) alone. Prints {@value #DONE} once the row is read, then
 * the JVM's CPU time so far, and exits without closing anything: the parent times the JVM from its start to that line.
 *
 * <p>Arguments: the JDBC URL, a properties file with the connection's properties.
 */
public final class FirstQuery {

    /** The line the parent waits for. */
    static final String DONE = "first query done";
    /** The next line: the CPU time of the whole JVM (every thread: JIT, GC, class loading) up to {@link #DONE}. */
    static final String CPU = "cpu nanos ";

    private FirstQuery() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        Properties properties = new Properties();
        try (Reader in = new FileReader(args[1])) {
            properties.load(in);
        }
        Connection connection = DriverManager.getConnection(args[0], properties);
        Statement statement = connection.createStatement();
        try (ResultSet rows = statement.executeQuery("SELECT id, name, balance FROM account WHERE id = 1")) {
            if (!rows.next()) {
                throw new IllegalStateException("row 1 missing");
            }
        }
        System.out.println(DONE);
        // read after the line: what it loads is not part of the time to the first query
        System.out.println(CPU + ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos());
        System.out.flush();
        System.exit(0);
    }
}
