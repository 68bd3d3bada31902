package dev.jdbcguard.it.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.field;
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
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** jOOQ 3.19 on a guarded connection: it detects the dialect from the connection, and its SQL goes through the guard. */
@ExtendWith(TestDatabaseExtension.class)
class JooqTest {

    @Test
    void jooqDetectsTheDialectAndItsDeleteWithoutWhereIsRefused(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS jooq_orders (id INT PRIMARY KEY, status VARCHAR(20))");
            statement.execute("INSERT IGNORE INTO jooq_orders VALUES (1, 'new'), (2, 'paid')");
        }
        try (Connection connection = DriverManager.getConnection(FrameworkUrls.verifiedTls(db, "mysql", ""),
                db.app().user(), db.app().password())) {
            DSLContext jooq = DSL.using(connection);
            assertThat(jooq.dialect().family()).isIn(SQLDialect.MYSQL, SQLDialect.MARIADB);
            assertThat(jooq.fetchCount(table("jooq_orders"))).isEqualTo(2);
            Throwable refused = catchThrowable(() -> jooq.deleteFrom(table("jooq_orders")).execute());
            assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] dml.no-where: DELETE without WHERE on jooq_orders");
            assertThat(jooq.fetchCount(table("jooq_orders"), field("status").isNotNull())).isEqualTo(2);
        }
    }
}
