package dev.jdbcguard.it.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.testdb.CauseChain;
import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hibernate 7 configured with a guard URL and nothing else of the guard's: it reads its dialect from the guarded
 * connection's metadata (the target's), its schema tool creates the table under {@code guard.schema-scripts=migration},
 * and the application's own HQL stays under production.
 */
@ExtendWith(TestDatabaseExtension.class)
class HibernateTest {

    @Test
    void hibernateWorksWithTheUrlAloneAndItsOwnStatementsStayUnderProduction(TestDatabase db) {
        try (SessionFactory sessions = sessions(db, FrameworkUrls.verifiedTls(db, "mysql", "guard.schema-scripts=migration"), "create")) {
            Dialect dialect = ((SessionFactoryImplementor) sessions).getJdbcServices().getDialect();
            assertThat(dialect).isInstanceOfAny(MySQLDialect.class, MariaDBDialect.class);
            sessions.inTransaction(session -> {
                session.persist(new OrmOrder("new"));
                session.persist(new OrmOrder("paid"));
            });
            assertThat(sessions.fromTransaction(session -> session.createSelectionQuery("select count(*) from OrmOrder",
                    Long.class).getSingleResult())).isEqualTo(2);
            Throwable refused = catchThrowable(() -> sessions.inTransaction(session ->
                    session.createMutationQuery("delete from OrmOrder").executeUpdate()));
            assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] dml.no-where: DELETE without WHERE on orm_orders");
        }
    }

    @Test
    void withoutTheSettingHibernatesSchemaToolIsBlockedWithAFixNamingIt(TestDatabase db) {
        Throwable refused = catchThrowable(() -> sessions(db, FrameworkUrls.verifiedTls(db, "mysql", ""), "create").close());
        assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] ddl.")
                .contains("This statement was run by Hibernate's schema tool (hibernate.hbm2ddl.auto, spring.jpa.hibernate.ddl-auto)")
                .contains("add guard.schema-scripts=migration to the URL");
    }

    private static SessionFactory sessions(TestDatabase db, String url, String schemaAction) {
        return new Configuration().addAnnotatedClass(OrmOrder.class)
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", db.app().user())
                .setProperty("hibernate.connection.password", db.app().password())
                .setProperty("hibernate.hbm2ddl.auto", schemaAction)
                // a failed schema statement is logged and skipped by default; here it must surface
                .setProperty("hibernate.hbm2ddl.halt_on_error", "true")
                .buildSessionFactory();
    }
}
