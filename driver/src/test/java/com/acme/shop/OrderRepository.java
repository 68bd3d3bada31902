package com.acme.shop;

import java.util.function.Supplier;
import org.springframework.jdbc.guardtest.FakeJdbcTemplate;

/**
 * Stands in for application code: a repository in an application package that reaches the guard
 * through a framework class (in a package the skip list names). Its {@code purge} frame is what a
 * warning must point at.
 */
public final class OrderRepository {

    /** The line of the call below; a warning raised inside must point here. */
    public static final int PURGE_CALL_LINE = 18;

    public <T> T purge(Supplier<T> statement) {
        FakeJdbcTemplate template = new FakeJdbcTemplate();
        return template.execute(statement);
    }
}
