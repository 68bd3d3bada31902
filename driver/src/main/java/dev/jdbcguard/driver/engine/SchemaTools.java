package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.url.GuardSetting;
import dev.jdbcguard.driver.warnings.Detection;

/**
 * Recognises the schema tools that run scripts on the application's own connections, where no URL of their own
 * can carry {@code guard.profile=migration}: Spring's SQL script initializer ({@code spring.sql.init} with
 * {@code schema.sql}/{@code data.sql}, also {@code ResourceDatabasePopulator} and {@code @Sql}, all through
 * {@code org.springframework.jdbc.datasource.init}) and Hibernate's schema tool ({@code hibernate.hbm2ddl.auto},
 * {@code org.hibernate.tool.schema}).
 *
 * <p>Cold path only: asked when a statement is about to be blocked, it walks the current thread's stack once.
 */
final class SchemaTools {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private SchemaTools() {
    }

    /** The schema tool on the current stack, in the user's words, or null when none is. */
    static String caller() {
        return WALKER.walk(frames -> frames.map(frame -> tool(frame.getClassName())).filter(tool -> tool != null)
                .findFirst().orElse(null));
    }

    /** The tool a frame of {@code className} belongs to, or null. */
    static String tool(String className) {
        if (className.startsWith("org.springframework.jdbc.datasource.init.")) {
            return "Spring's SQL script initializer (schema.sql/data.sql, spring.sql.init)";
        }
        if (className.startsWith("org.hibernate.tool.schema.")) {
            return "Hibernate's schema tool (hibernate.hbm2ddl.auto, spring.jpa.hibernate.ddl-auto)";
        }
        return null;
    }

    /** {@code detection} whose fix also says how to let {@code tool}'s statements through without weakening the rest. */
    static Detection withFix(Detection detection, String tool) {
        return detection.hinting("this statement was run by " + tool + ": to judge that tool's statements by the"
                + " migration profile while the application's own keep these rules, add "
                + GuardSetting.SCHEMA_SCRIPTS.key() + "=migration to the URL (or run the scripts with Flyway or"
                + " Liquibase on a URL with guard.profile=migration)");
    }
}
