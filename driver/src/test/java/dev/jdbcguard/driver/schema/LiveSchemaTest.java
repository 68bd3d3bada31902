package dev.jdbcguard.driver.schema;

import static dev.jdbcguard.driver.testing.Guarded.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.driver.plan.ExplainService;
import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.engine.Finding;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.engine.Verdict;
import dev.jdbcguard.rules.file.RuleFiles;
import dev.jdbcguard.rules.schema.Column;
import dev.jdbcguard.rules.schema.DdlReader;
import dev.jdbcguard.rules.schema.Index;
import dev.jdbcguard.rules.schema.SchemaChange;
import dev.jdbcguard.rules.schema.Table;
import dev.jdbcguard.rules.schema.TypeChange;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The live schema on a real server: what information_schema gives, what the cache keeps, and the fallbacks. */
@ExtendWith(TestDatabaseExtension.class)
class LiveSchemaTest {

    /** A table with most of what the model holds: charsets, a generated column, unique, prefix and fulltext keys. */
    private static final String RICH = "CREATE TABLE ls_rich (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,"
            + " code CHAR(8) CHARACTER SET ascii NOT NULL, price DECIMAL(10,2) NOT NULL DEFAULT 0,"
            + " note VARCHAR(200) NULL, body TEXT, kind ENUM('a','b''c') NOT NULL DEFAULT 'a', flag TINYINT(1) NOT NULL,"
            + " seen DATETIME(3) NULL, twice INT AS (id * 2) VIRTUAL,"
            + " PRIMARY KEY (id), UNIQUE KEY uq_code (code), KEY idx_note (note(50)), FULLTEXT KEY ft_body (body))"
            + " ENGINE=InnoDB DEFAULT CHARSET=latin1";

    private final TestDatabase db;
    private ExplainService service;
    private Connection application;

    LiveSchemaTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() throws Exception {
        service = new ExplainService(() -> QueryTables.appConnection(db), 16, 100, Duration.ofMillis(200),
                Duration.ofMillis(200), 1000, Duration.ofMinutes(1));
        application = QueryTables.appConnection(db);
    }

    @AfterEach
    void close() throws Exception {
        application.close();
        service.close();
    }

    @Test
    void informationSchemaGivesTheModelTheCreateTableDeclares() throws Exception {
        admin(db, "DROP TABLE IF EXISTS ls_rich", RICH);
        Table declared = ((SchemaChange.CreateTable) DdlReader.read(RICH)).definition();
        Table live;
        try (Connection connection = QueryTables.appConnection(db)) {
            live = InformationSchema.read(connection, db.database(), "ls_rich");
        }
        assertThat(live.name()).isEqualTo("ls_rich");
        assertThat(live.charset()).isEqualTo("latin1");
        assertThat(live.columns()).extracting(Column::name).containsExactlyElementsOf(declared.columns().stream().map(Column::name).toList());
        for (Column column : declared.columns()) {
            Column read = live.column(column.name());
            assertThat(TypeChange.of(declared.resolvedType(column), live.resolvedType(read)).kind()).as(column.name())
                    .isEqualTo(TypeChange.Kind.SAME);
            assertThat(read.nullable()).as(column.name()).isEqualTo(column.nullable());
            assertThat(read.autoIncrement()).as(column.name()).isEqualTo(column.autoIncrement());
            assertThat(read.generated()).as(column.name()).isEqualTo(column.generated());
        }
        assertThat(live.column("price").hasDefault()).isTrue();
        assertThat(live.column("flag").hasDefault()).isFalse();
        assertThat(live.indexes()).containsExactly(
                new Index("primary", List.of("id"), Index.Kind.PRIMARY, false),
                new Index("ft_body", List.of("body"), Index.Kind.FULLTEXT, false),
                new Index("idx_note", List.of("note"), Index.Kind.PLAIN, true),
                new Index("uq_code", List.of("code"), Index.Kind.UNIQUE, false));
        assertThat(live.hasRowKey()).isEqualTo(declared.hasRowKey()).isTrue();
    }

    @Test
    void aTableNotShownIsNone() throws Exception {
        try (Connection connection = QueryTables.appConnection(db)) {
            assertThat(InformationSchema.read(connection, db.database(), "ls_no_such_table")).isNull();
            assertThat(InformationSchema.read(connection, "mysql", "user")).as("no privilege on it").isNull();
        }
    }

    @Test
    void aBlockedStatementLeavesItsTableCachedAndOneThatRunsDropsIt() throws Exception {
        admin(db, "DROP TABLE IF EXISTS ls_cached", "CREATE TABLE ls_cached (id INT PRIMARY KEY, note VARCHAR(20))");
        LiveSchema schema = new LiveSchema(service, "test");
        String narrowing = "ALTER TABLE ls_cached MODIFY note VARCHAR(10)";

        Verdict refused = schema.judge(StatementJudge.judge(narrowing, profile("production")), application, true);
        assertThat(refused.worst()).isEqualTo(Action.BLOCK);
        schema.judge(StatementJudge.judge(narrowing, profile("production")), application, true);
        assertThat(schema.reads()).as("refused twice, read once").isEqualTo(1);

        Verdict warned = schema.judge(StatementJudge.judge(narrowing, profile("migration")), application, false);
        assertThat(rules(warned)).containsExactly("ddl.lossy-type-change");
        assertThat(schema.reads()).as("a prepare changes nothing").isEqualTo(1);

        schema.judge(StatementJudge.judge(narrowing, profile("migration")), application, true);
        schema.judge(StatementJudge.judge(narrowing, profile("migration")), application, true);
        assertThat(schema.reads()).as("each statement let through drops the table").isEqualTo(2);
    }

    @Test
    void aFailingGuardConnectionFallsBackWithoutWaitingOutTheReadTimeout() throws Exception {
        admin(db, "DROP TABLE IF EXISTS ls_unread", "CREATE TABLE ls_unread (id INT PRIMARY KEY, note VARCHAR(20))");
        try (ExplainService unreachable = new ExplainService(
                () -> DriverManager.getConnection("jdbc:mysql://127.0.0.1:1/none?connectTimeout=500", "u", "p"),
                4, 100, Duration.ofSeconds(5), Duration.ofSeconds(5), 1000, Duration.ofMinutes(1))) {
            LiveSchema schema = new LiveSchema(unreachable, "test");
            for (int attempt = 0; attempt < 2; attempt++) { // the failed connect, then its pause
                long start = System.nanoTime();
                Verdict verdict = schema.judge(StatementJudge.judge("ALTER TABLE ls_unread MODIFY note VARCHAR(10)",
                        profile("migration")), application, true);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(LiveSchema.READ_WAIT_MILLIS));
                assertThat(verdict.findings()).singleElement().satisfies(finding -> {
                    assertThat(finding.ruleId()).isEqualTo("ddl.modify-column");
                    assertThat(finding.detail()).contains("type change not judged: table ls_unread is not in the schema model");
                });
            }
            assertThat(schema.reads()).isZero();
        }
    }

    @Test
    void withoutAConnectionOfItsOwnTheStatementIsJudgedByItsText() throws Exception {
        LiveSchema schema = new LiveSchema(null, "a wrapped DataSource");
        Verdict verdict = schema.judge(StatementJudge.judge("CREATE TABLE ls_keyless (payload JSON)", profile("migration")),
                application, true);
        assertThat(rules(verdict)).containsExactly("ddl.no-primary-key");
    }

    private static RuleSet profile(String name) throws Exception {
        return RuleFiles.profile(name);
    }

    private static List<String> rules(Verdict verdict) {
        return verdict.findings().stream().map(Finding::ruleId).toList();
    }
}
