package dev.jdbcguard.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Accepts findings of the named rules in a test: they are still reported (report entries, the findings report),
 * they do not fail it. On a method it adds to what its class (and the enclosing classes) allow.
 *
 * <p>Each value is a rule id ({@code query.n-plus-one}) or a prefix ({@code query}, {@code ddl}) as in a
 * {@code /* guard:allow ... *}{@code /} comment; one that names no rule fails the test class with a message naming
 * it. This only changes what fails the test, never what the guard does: a blocked statement was still refused.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowFinding {

    /** Rule ids or prefixes. */
    String[] value();
}
