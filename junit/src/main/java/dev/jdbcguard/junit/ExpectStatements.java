package dev.jdbcguard.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A statement budget for each test it covers: the statements the test ran through the guard, on every guarded
 * connection (a pool's, an ORM's), counted by kind. A kind left at {@link #UNCHECKED} is not checked. With
 * {@code max = false} (the default) each given count is exact; with {@code max = true} each is a maximum.
 * A method's annotation replaces its class's.
 *
 * <p>Counted: each execution, and each statement of an {@code executeBatch} (a batch of 50 inserts counts 50);
 * statements that failed count too. {@code total} covers every kind, including statements that are none of the four
 * ({@code CALL}, {@code SET}, DDL). Needs {@link JdbcGuardExtension} (e.g. through {@link JdbcGuardTest}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExpectStatements {

    /** The value of a kind that is not checked. */
    int UNCHECKED = -1;

    int select() default UNCHECKED;

    int insert() default UNCHECKED;

    int update() default UNCHECKED;

    int delete() default UNCHECKED;

    int total() default UNCHECKED;

    /** Whether the counts are maxima instead of exact counts. */
    boolean max() default false;
}
