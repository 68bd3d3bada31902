package dev.jdbcguard.driver.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.rules.sql.SqlMutations;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded fuzz through the driver against the real server (issue 17): hostile inputs from {@link SqlMutations}
 * (mutated DELETE, DROP, TRUNCATE, PREPARE, EXECUTE IMMEDIATE, comments, {@code /*! *}{@code /}, quotes, allow
 * hints), sent with multi-statements on under {@code production}. No input changes the sentinel table: each one is
 * refused by the guard or does nothing to it on the server (which may refuse it too); the table is checked after
 * every input the guard let through and at the end. No exception other than {@link SQLException} leaves
 * {@code execute}.
 *
 * <p>{@value #DEFAULT_INPUTS} inputs by default (a few seconds); more, with another seed:
 * <pre>./mvnw -B -pl driver -am test -Dtest=dev.jdbcguard.driver.engine.SqlFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.driver.inputs=100000 -Dfuzz.seed=42</pre>
 * The classifier alone, at 10^6 inputs, is the rules module's {@code SqlFuzzTest}.
 */
@ExtendWith(TestDatabaseExtension.class)
class SqlFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(SqlFuzzTest.class);
    static final int DEFAULT_INPUTS = 2_000;
    private static final int ROWS = 10;
    /** A connection serves this many inputs, so that what one leaves in its session (variables, prepared names) ends. */
    private static final int INPUTS_PER_CONNECTION = 500;

    private final TestDatabase db;

    SqlFuzzTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void createSentinel(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            s.execute("DROP TABLE IF EXISTS " + SqlMutations.SENTINEL);
            s.execute("CREATE TABLE " + SqlMutations.SENTINEL + " (id INT PRIMARY KEY, v INT NOT NULL)");
            s.execute("INSERT INTO " + SqlMutations.SENTINEL + " VALUES (1,1),(2,2),(3,3),(4,4),(5,5),(6,6),(7,7),(8,8),"
                    + "(9,9),(10,10)");
        }
    }

    @Test
    void noHostileInputChangesTheSentinelTable() throws SQLException {
        int inputs = Integer.getInteger("fuzz.driver.inputs", DEFAULT_INPUTS);
        long seed = Long.getLong("fuzz.seed", 17L);
        SqlMutations mutations = new SqlMutations(seed);
        String expected;
        try (Connection admin = db.adminConnection()) {
            expected = sentinel(admin);
            assertThat(expected).as("the sentinel before the fuzz").contains("rows=" + ROWS);
            int blocked = 0;
            int ran = 0;
            int refusedByServer = 0;
            long start = System.nanoTime();
            Connection guarded = null;
            try {
                for (int i = 0; i < inputs; i++) {
                    if (guarded == null || i % INPUTS_PER_CONNECTION == 0) {
                        close(guarded);
                        guarded = Guarded.connect(db, "allowMultiQueries=true");
                    }
                    String sql = mutations.next();
                    try (Statement s = guarded.createStatement()) {
                        drain(s, s.execute(sql));
                        ran++;
                    } catch (GuardViolationException e) {
                        blocked++;
                        continue;
                    } catch (SQLException e) {
                        refusedByServer++; // the guard let it through; the server refused it, perhaps after a part ran
                        if (!guarded.isValid(5)) {
                            close(guarded);
                            guarded = null;
                        }
                    } catch (RuntimeException e) {
                        throw new AssertionError("input " + i + " (seed " + seed + ") escaped as " + e + ": "
                                + SqlMutations.escaped(sql), e);
                    }
                    String now = sentinel(admin);
                    if (!now.equals(expected)) {
                        fail("input %d (seed %d) passed the guard and changed %s from %s to %s: %s", i, seed,
                                SqlMutations.SENTINEL, expected, now, SqlMutations.escaped(sql));
                    }
                }
            } finally {
                close(guarded);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("SQL fuzz through the driver, seed {}: {} inputs in {} ms: {} refused by the guard, {} ran, {} refused"
                    + " by the server; {} unchanged", seed, inputs, millis, blocked, ran, refusedByServer,
                    SqlMutations.SENTINEL);
            assertThat(blocked).as("inputs the guard refused: the fuzz is hostile").isGreaterThan(inputs / 2);
            assertThat(ran + refusedByServer).as("inputs that reached the server: the fuzz is not all refused")
                    .isPositive();
            assertThat(sentinel(admin)).as("the sentinel after the fuzz").isEqualTo(expected);
        }
    }

    /** The sentinel's definition, row count and checksum, as one string; "missing" when it is gone. */
    private String sentinel(Connection admin) throws SQLException {
        String table = db.database() + "." + SqlMutations.SENTINEL;
        try (Statement s = admin.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(id * 31 + v), 0) FROM " + table)) {
                r.next();
                String rows = "rows=" + r.getLong(1) + " sum=" + r.getLong(2);
                try (ResultSet d = s.executeQuery("SHOW CREATE TABLE " + table)) {
                    d.next();
                    return rows + " " + d.getString(2).replaceAll("\\s+", " ");
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) { // ER_NO_SUCH_TABLE
                return "missing";
            }
            throw e;
        }
    }

    /** Reads every result of a multi-statement execution, so that each statement of it has run. */
    private static void drain(Statement s, boolean resultSet) throws SQLException {
        boolean isResult = resultSet;
        while (true) {
            if (isResult) {
                try (ResultSet r = s.getResultSet()) {
                    while (r.next()) {
                        r.getObject(1);
                    }
                }
            } else if (s.getUpdateCount() == -1) {
                return;
            }
            isResult = s.getMoreResults();
        }
    }

    private static void close(Connection connection) throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
