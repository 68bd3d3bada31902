package dev.jdbcguard.it.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.table;

import dev.jdbcguard.testdb.CauseChain;
import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.JDBCUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jOOQ 3.19 on a guarded connection: it detects the dialect from the connection's metadata (the target's, so the
 * dialect it detects without the guard), and its SQL goes through the guard.
 */
@ExtendWith(TestDatabaseExtension.class)
class JooqTest {

    @BeforeAll
    static void orders(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS jooq_orders (id INT PRIMARY KEY, status VARCHAR(20))");
            statement.execute("INSERT IGNORE INTO jooq_orders VALUES (1, 'new'), (2, 'paid')");
        }
    }

    @ParameterizedTest(name = "jdbc:guard:{0}:")
    @ValueSource(strings = {"mysql", "mariadb"})
    void jooqDetectsTheTargetsDialectAndItsDeleteWithoutWhereIsRefused(String target, TestDatabase db) throws SQLException {
        String url = FrameworkUrls.verifiedTls(db, target, "");
        try (Connection raw = DriverManager.getConnection(FrameworkUrls.withoutGuard(url), db.app().user(), db.app().password());
                Connection connection = DriverManager.getConnection(url, db.app().user(), db.app().password())) {
            DSLContext jooq = DSL.using(connection);
            assertThat(jooq.dialect()).isEqualTo(JDBCUtils.dialect(raw));
            assertThat(jooq.fetchCount(table("jooq_orders"))).isEqualTo(2);
            Throwable refused = catchThrowable(() -> jooq.deleteFrom(table("jooq_orders")).execute());
            assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] dml.no-where: DELETE without WHERE on jooq_orders");
            assertThat(jooq.fetchCount(table("jooq_orders"))).isEqualTo(2);
        }
    }
}
