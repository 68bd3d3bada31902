package dev.jdbcguard.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.schema.DdlReader;
import dev.jdbcguard.rules.schema.OnlineDdl;
import dev.jdbcguard.rules.schema.Schema;
import dev.jdbcguard.rules.schema.SchemaChange;
import dev.jdbcguard.rules.schema.ServerVersion;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The online-DDL classification agrees with what the real server accepts: an operation classified INSTANT runs
 * with {@code ALGORITHM=INSTANT}, one classified INPLACE is refused that and runs with {@code ALGORITHM=INPLACE},
 * a COPY is refused both, and {@code LOCK=NONE} is accepted exactly when writes are not blocked.
 */
@ExtendWith(TestDatabaseExtension.class)
class OnlineDdlServerTest {

    private static final String TABLE = "online_ddl_probe";
    private static final String CREATE = "CREATE TABLE " + TABLE + " (id INT NOT NULL PRIMARY KEY, qty INT NOT NULL,"
            + " note VARCHAR(20) NULL, status ENUM('a','b') NOT NULL DEFAULT 'a', KEY idx_qty (qty)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

    /** Each clause of the operation table, applied to a fresh copy of the table above. */
    private static final List<String> OPERATIONS = List.of(
            "ADD COLUMN extra INT NULL",
            "ADD COLUMN extra INT NULL FIRST",
            "ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE",
            "DROP COLUMN note",
            "RENAME COLUMN note TO memo",
            "MODIFY note VARCHAR(40) NULL",
            "MODIFY note VARCHAR(100) NULL",
            "MODIFY qty BIGINT NOT NULL",
            "MODIFY note VARCHAR(20) NOT NULL",
            "MODIFY qty INT NULL",
            "MODIFY status ENUM('a','b','c') NOT NULL DEFAULT 'a'",
            "MODIFY status ENUM('b','a') NOT NULL DEFAULT 'a'",
            "MODIFY note VARCHAR(20) NULL AFTER status",
            "ALTER COLUMN qty SET DEFAULT 5",
            "ADD INDEX idx_note (note)",
            "ADD FULLTEXT INDEX ft_note (note)",
            "DROP INDEX idx_qty",
            "RENAME INDEX idx_qty TO idx_q",
            "DROP PRIMARY KEY",
            "CONVERT TO CHARACTER SET latin1",
            "DEFAULT CHARSET = latin1",
            "ENGINE = InnoDB");

    private final TestDatabase db;

    OnlineDdlServerTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void classificationAgreesWithWhatTheServerAccepts() throws SQLException {
        List<String> disagreements = new ArrayList<>();
        try (Connection c = db.adminConnection(); Statement s = c.createStatement()) {
            s.execute("USE `" + db.database() + "`");
            ServerVersion server = ServerVersion.of(c.getMetaData().getDatabaseProductVersion());
            Schema schema = Schema.EMPTY.apply(DdlReader.read(CREATE));
            for (String clause : OPERATIONS) {
                SchemaChange.AlterTable alter = (SchemaChange.AlterTable) DdlReader.read("ALTER TABLE " + TABLE + " " + clause);
                OnlineDdl.Verdict verdict = OnlineDdl.classify(alter.ops(), schema.table(TABLE), server);
                assertThat(verdict).as(clause).isNotNull();
                boolean instant = accepts(s, clause + ", ALGORITHM=INSTANT");
                boolean inplace = accepts(s, clause + ", ALGORITHM=INPLACE");
                boolean online = accepts(s, clause + ", ALGORITHM=INPLACE, LOCK=NONE");
                String row = clause + " -> " + verdict + " but " + server + " accepts INSTANT=" + instant + " INPLACE=" + inplace
                        + " INPLACE+LOCK=NONE=" + online;
                if (instant != (verdict.algorithm() == OnlineDdl.Algorithm.INSTANT)
                        || inplace != (verdict.algorithm() != OnlineDdl.Algorithm.COPY)
                        || online != (verdict.algorithm() != OnlineDdl.Algorithm.COPY && !verdict.writesBlocked())) {
                    disagreements.add(row);
                }
            }
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
        assertThat(disagreements).isEmpty();
    }

    /** Whether the server runs the ALTER on a fresh table; a refusal of the algorithm or lock is an SQLException. */
    private static boolean accepts(Statement s, String clause) throws SQLException {
        s.execute("DROP TABLE IF EXISTS " + TABLE);
        s.execute(CREATE);
        try {
            s.execute("ALTER TABLE " + TABLE + " " + clause);
            return true;
        } catch (SQLException refused) {
            // ER_ALTER_OPERATION_NOT_SUPPORTED(_REASON): 1845 / 1846; anything else is a broken probe.
            assertThat(refused.getErrorCode()).as(clause + ": " + refused.getMessage()).isIn(1845, 1846);
            return false;
        }
    }
}
