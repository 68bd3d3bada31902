package org.springframework.jdbc.guardtest;

import java.util.function.Supplier;

/** A framework frame between application code and the guard: in a package the skip list names. */
public final class FakeJdbcTemplate {

    public <T> T execute(Supplier<T> statement) {
        return statement.get();
    }
}
