package dev.jdbcguard.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers {@link JdbcGuardExtension} on a test class or method and says which findings fail its tests.
 *
 * <p>{@link #failOn()} entries are read as:
 * <ul>
 *   <li>a rule id or prefix ({@code query.n-plus-one}, {@code query}, {@code ddl}): a {@code WARN} of those fails;</li>
 *   <li>{@code "warn"}: every {@code WARN} fails;</li>
 *   <li>{@code "block"}: only blocks fail (no warning does).</li>
 * </ul>
 * A {@code BLOCK} (and, in observe mode, a {@code WOULD_BLOCK}) always fails unless {@link AllowFinding} accepts it.
 * An empty {@code failOn} (the default) inherits: the method's annotation wins over its class's (then the enclosing
 * classes'), which wins over the configuration parameter {@code jdbcguard.junit.fail-on} (comma-separated, e.g. in
 * {@code junit-platform.properties}), which wins over the default {@code query.n-plus-one, query.unindexed}. An entry
 * that names no rule fails the test class with a message naming it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(JdbcGuardExtension.class)
public @interface JdbcGuardTest {

    /** Rule ids or prefixes whose warnings fail the test, or {@code "warn"} / {@code "block"}; empty inherits. */
    String[] failOn() default {};
}
