package dev.jdbcguard.junit;

import dev.jdbcguard.StatementEvent.Kind;
import java.util.ArrayList;
import java.util.List;

/** The counts an {@link ExpectStatements} asks for, checked against what a test ran. */
record Budget(int select, int insert, int update, int delete, int total, boolean max) {

    static Budget of(ExpectStatements expect, String where) {
        Budget budget = new Budget(expect.select(), expect.insert(), expect.update(), expect.delete(), expect.total(),
                expect.max());
        for (int count : List.of(budget.select, budget.insert, budget.update, budget.delete, budget.total)) {
            if (count < ExpectStatements.UNCHECKED) {
                throw new IllegalArgumentException(where + ": @ExpectStatements counts must be >= 0, was " + count);
            }
        }
        return budget;
    }

    /** One broken limit: {@code select: expected 1, ran 2}. */
    record Miss(String kind, int expected, long actual, boolean max) {
        @Override
        public String toString() {
            return kind + ": expected " + (max ? "at most " : "") + expected + ", ran " + actual;
        }
    }

    /** The limits {@code counts} breaks, in the order select, insert, update, delete, total. */
    List<Miss> misses(Counts counts) {
        List<Miss> misses = new ArrayList<>();
        check(misses, "select", select, counts.of(Kind.SELECT));
        check(misses, "insert", insert, counts.of(Kind.INSERT));
        check(misses, "update", update, counts.of(Kind.UPDATE));
        check(misses, "delete", delete, counts.of(Kind.DELETE));
        check(misses, "total", total, counts.total());
        return misses;
    }

    private void check(List<Miss> misses, String kind, int expected, long actual) {
        if (expected != ExpectStatements.UNCHECKED && (max ? actual > expected : actual != expected)) {
            misses.add(new Miss(kind, expected, actual, max));
        }
    }

    /** {@code @ExpectStatements(select = 1, max = true)}, as written. */
    String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "select", select);
        add(parts, "insert", insert);
        add(parts, "update", update);
        add(parts, "delete", delete);
        add(parts, "total", total);
        if (max) {
            parts.add("max = true");
        }
        return "@ExpectStatements(" + String.join(", ", parts) + ")";
    }

    private static void add(List<String> parts, String kind, int count) {
        if (count != ExpectStatements.UNCHECKED) {
            parts.add(kind + " = " + count);
        }
    }

    /** Statements by kind. */
    interface Counts {
        long of(Kind kind);

        long total();
    }
}
