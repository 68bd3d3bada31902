package dev.jdbcguard.it.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.testdb.CauseChain;
import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.internal.StandardDialectResolver;
import org.hibernate.engine.jdbc.dialect.spi.DatabaseMetaDataDialectResolutionInfoAdapter;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hibernate 7 configured with a guard URL and nothing else of the guard's (no driver class, no dialect): it reads
 * its dialect from the guarded connection's metadata, the target's, so it picks the dialect it picks without the
 * guard; its schema tool creates the table under {@code guard.schema-scripts=migration}, and the application's own
 * HQL stays under production.
 */
@ExtendWith(TestDatabaseExtension.class)
class HibernateTest {

    @ParameterizedTest(name = "jdbc:guard:{0}:")
    @ValueSource(strings = {"mysql", "mariadb"})
    void hibernateWorksWithTheUrlAloneAndItsOwnStatementsStayUnderProduction(String target, TestDatabase db)
            throws SQLException {
        Dialect without = dialectWithoutTheGuard(db, target);
        try (SessionFactory sessions = sessions(db, FrameworkUrls.verifiedTls(db, target, "guard.schema-scripts=migration"))) {
            Dialect dialect = ((SessionFactoryImplementor) sessions).getJdbcServices().getDialect();
            assertThat(dialect.getClass()).isEqualTo(without.getClass());
            assertThat(dialect.getVersion()).isEqualTo(without.getVersion());
            sessions.inTransaction(session -> {
                session.persist(new OrmOrder("new"));
                session.persist(new OrmOrder("paid"));
            });
            long orders = sessions.fromTransaction(session -> session.createSelectionQuery("select count(*) from OrmOrder",
                    Long.class).getSingleResult());
            assertThat(orders).isEqualTo(2);
            Throwable refused = catchThrowable(() -> sessions.inTransaction(session ->
                    session.createMutationQuery("delete from OrmOrder").executeUpdate()));
            assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] dml.no-where: DELETE without WHERE on orm_orders");
        }
    }

    @Test
    void withoutTheSettingHibernatesSchemaToolIsBlockedWithAFixNamingIt(TestDatabase db) {
        Throwable refused = catchThrowable(() -> sessions(db, FrameworkUrls.verifiedTls(db, "mysql", "")).close());
        assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] ddl.")
                .contains("Here: this statement was run by Hibernate's schema tool (hibernate.hbm2ddl.auto, spring.jpa.hibernate.ddl-auto)")
                .contains("add guard.schema-scripts=migration to the URL");
    }

    /** The dialect Hibernate resolves from the target driver's own connection, as it does when building sessions. */
    private static Dialect dialectWithoutTheGuard(TestDatabase db, String target) throws SQLException {
        try (Connection raw = DriverManager.getConnection(FrameworkUrls.withoutGuard(FrameworkUrls.verifiedTls(db, target, "")),
                db.app().user(), db.app().password())) {
            return new StandardDialectResolver().resolveDialect(new DatabaseMetaDataDialectResolutionInfoAdapter(raw.getMetaData()));
        }
    }

    /** Sessions whose schema tool drops and creates {@code orm_orders}. */
    private static SessionFactory sessions(TestDatabase db, String url) {
        return new Configuration().addAnnotatedClass(OrmOrder.class)
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", db.app().user())
                .setProperty("hibernate.connection.password", db.app().password())
                .setProperty("hibernate.hbm2ddl.auto", "create")
                // a failed schema statement is logged and skipped by default; here it must surface
                .setProperty("hibernate.hbm2ddl.halt_on_error", "true")
                .buildSessionFactory();
    }
}
