package dev.jdbcguard.driver.proxy;

import java.sql.SQLWarning;

/**
 * The guard's own warnings of one statement or connection, appended after the target driver's
 * chain when the application asks for warnings. Not thread-safe, like the JDBC object it serves.
 *
 * <p>Bounded: a connection's chain lives until {@code clearWarnings()}, which HikariCP calls on
 * every return but plain long-lived connections may never see; past {@value #MAX_WARNINGS}
 * warnings further ones are only logged (the reporter logged every one already). Appending is
 * O(1) through the tail.
 */
final class WarningChain {

    static final int MAX_WARNINGS = 100;

    private SQLWarning head;
    private SQLWarning tail;
    private int size;

    void add(SQLWarning warning) {
        if (size == MAX_WARNINGS) {
            return;
        }
        if (head == null) {
            head = warning;
        } else {
            tail.setNextWarning(warning);
        }
        tail = warning;
        size++;
    }

    /**
     * Returns {@code target}'s chain followed by the guard's warnings. The guard's chain is linked
     * to the end of {@code target} at most once (the walk stops where it is already linked), so
     * asking twice neither duplicates warnings nor makes a cycle.
     */
    SQLWarning after(SQLWarning target) {
        if (head == null || target == null) {
            return target == null ? head : target;
        }
        SQLWarning last = target;
        for (SQLWarning warning = target; warning != null; warning = warning.getNextWarning()) {
            if (warning == head) {
                return target;
            }
            last = warning;
        }
        last.setNextWarning(head);
        return target;
    }

    void clear() {
        head = null;
        tail = null;
        size = 0;
    }
}
