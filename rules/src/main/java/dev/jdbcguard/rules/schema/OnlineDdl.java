package dev.jdbcguard.rules.schema;

import java.util.List;

/**
 * How the server runs an {@code ALTER TABLE}: INSTANT (metadata only), INPLACE (no table copy; maybe a rebuild) or
 * COPY (a new table is built row by row), and whether writes wait meanwhile. This decides a migration's downtime.
 *
 * <p>From the MySQL 8.0 "Online DDL operations" tables and MariaDB's InnoDB online DDL pages, checked against
 * MariaDB 10.11 with {@code ALGORITHM=INSTANT} / {@code INPLACE} and {@code LOCK=NONE} (the driver's
 * {@code OnlineDdlTest}). Where the answer depends on what the text does not show (row format, foreign_key_checks,
 * a column's index membership), it is the default configuration's answer.
 */
public final class OnlineDdl {

    /** The three algorithms, cheapest first. */
    public enum Algorithm {
        INSTANT, INPLACE, COPY
    }

    /**
     * How one ALTER runs.
     *
     * @param algorithm    the cheapest algorithm the server can use
     * @param writesBlocked whether concurrent INSERT/UPDATE/DELETE wait until it ends (LOCK=NONE is refused)
     */
    public record Verdict(Algorithm algorithm, boolean writesBlocked) {

        Verdict worse(Verdict other) {
            Algorithm worst = other.algorithm.compareTo(algorithm) > 0 ? other.algorithm : algorithm;
            return new Verdict(worst, writesBlocked || other.writesBlocked);
        }

        /** The clause to state in the ALTER, so the server refuses instead of silently falling back to a slower way. */
        public String clause() {
            if (algorithm == Algorithm.INSTANT) {
                return "ALGORITHM=INSTANT";
            }
            if (algorithm == Algorithm.COPY) {
                return "ALGORITHM=COPY, LOCK=SHARED";
            }
            return "ALGORITHM=INPLACE, LOCK=" + (writesBlocked ? "SHARED" : "NONE");
        }

        /** E.g. {@code MariaDB 10.11: INPLACE, writes allowed; state ALGORITHM=INPLACE, LOCK=NONE}. */
        public String describe(ServerVersion server) {
            String how = server + ": " + algorithm + (writesBlocked ? ", writes blocked" : ", writes allowed");
            if (algorithm == Algorithm.COPY || writesBlocked) {
                return how + "; on a large table use gh-ost, pt-online-schema-change or a PlanetScale deploy request, else state "
                        + clause();
            }
            return how + "; state " + clause();
        }
    }

    private static final Verdict INSTANT = new Verdict(Algorithm.INSTANT, false);
    private static final Verdict INPLACE = new Verdict(Algorithm.INPLACE, false);
    private static final Verdict INPLACE_BLOCKING = new Verdict(Algorithm.INPLACE, true);
    private static final Verdict COPY = new Verdict(Algorithm.COPY, true);

    private OnlineDdl() {
    }

    /**
     * How {@code ops} of one ALTER run on {@code server} against {@code before} (null when the table is unknown); null
     * when some clause cannot be classified.
     */
    public static Verdict classify(List<AlterOp> ops, Table before, ServerVersion server) {
        Verdict verdict = null;
        for (AlterOp op : ops) {
            if (op instanceof AlterOp.Option) {
                continue;
            }
            Verdict one = classify(op, before, server);
            if (one == null) {
                return null;
            }
            verdict = verdict == null ? one : verdict.worse(one);
        }
        return verdict;
    }

    private static Verdict classify(AlterOp op, Table before, ServerVersion server) {
        boolean maria = server.mariadb();
        if (op instanceof AlterOp.AddColumn add) {
            if (add.column().generated()) {
                return null;
            }
            if (add.column().autoIncrement()) {
                return INPLACE_BLOCKING; // the counter fills every row: a rebuild with writes blocked
            }
            boolean atEnd = add.after() == null;
            boolean instant = maria ? server.atLeast(10, 4, 0) || (atEnd && server.atLeast(10, 3, 2))
                    : server.atLeast(8, 0, 29) || (atEnd && server.atLeast(8, 0, 12));
            return instant ? INSTANT : INPLACE;
        }
        if (op instanceof AlterOp.DropColumn) {
            return (maria ? server.atLeast(10, 4, 0) : server.atLeast(8, 0, 29)) ? INSTANT : INPLACE;
        }
        if (op instanceof AlterOp.RenameColumn) {
            return maria || server.atLeast(8, 0, 28) ? INSTANT : INPLACE;
        }
        if (op instanceof AlterOp.ModifyColumn modify) {
            return modify(modify, before, server);
        }
        if (op instanceof AlterOp.ColumnDefault || op instanceof AlterOp.RenameTo) {
            return INSTANT;
        }
        if (op instanceof AlterOp.AddIndex add) {
            Index.Kind kind = add.index().kind();
            return kind == Index.Kind.FULLTEXT || kind == Index.Kind.SPATIAL ? INPLACE_BLOCKING : INPLACE;
        }
        if (op instanceof AlterOp.DropIndex) {
            return INPLACE;
        }
        if (op instanceof AlterOp.RenameIndex) {
            return maria ? INSTANT : INPLACE;
        }
        if (op instanceof AlterOp.DropPrimaryKey || op instanceof AlterOp.ConvertCharset) {
            return COPY;
        }
        if (op instanceof AlterOp.DefaultCharset) {
            return maria ? INSTANT : INPLACE;
        }
        if (op instanceof AlterOp.Other other) {
            switch (other.clause()) {
                case "ENGINE": case "FORCE":
                    return INPLACE;
                case "ADD FOREIGN KEY": case "ADD CONSTRAINT FOREIGN KEY":
                    return COPY; // INPLACE only with foreign_key_checks=0
                case "DROP FOREIGN KEY":
                    return INPLACE;
                default:
                    return null;
            }
        }
        return null;
    }

    private static Verdict modify(AlterOp.ModifyColumn modify, Table before, ServerVersion server) {
        Column old = before == null ? null : before.column(modify.oldName());
        if (old == null) {
            return null;
        }
        boolean maria = server.mariadb();
        Column column = modify.column();
        ColumnType from = before.resolvedType(old);
        ColumnType to = column.type().charset() == null && column.type().isText() ? column.type().withCharset(before.charset()) : column.type();
        TypeChange change = TypeChange.of(from, to);
        Verdict verdict;
        if (change.kind() == TypeChange.Kind.SAME) {
            verdict = INSTANT;
        } else if (change.kind() == TypeChange.Kind.WIDENING && from.base().equals(to.base()) && TypeFamily.of(from.base()) == TypeFamily.ENUM) {
            verdict = INSTANT;
        } else if (change.kind() == TypeChange.Kind.WIDENING && from.base().equals("VARCHAR") && to.base().equals("VARCHAR")
                && (maria || lengthBytes(from) == lengthBytes(to))) {
            // MariaDB 10.4+ extends a VARCHAR instantly (seen on 10.11 from 80 to 400 bytes, utf8mb4); MySQL only in
            // place, and only while the length prefix keeps its size (up to 255 bytes, or from 256 on).
            verdict = maria ? INSTANT : INPLACE;
        } else {
            return COPY;
        }
        if (old.nullable() != column.nullable()) {
            // Either way the rows are rebuilt in place (NULL -> NOT NULL checks each one), writes allowed.
            verdict = verdict.worse(INPLACE);
        }
        if (modify.moves()) {
            verdict = verdict.worse(maria ? INSTANT : INPLACE);
        }
        return verdict;
    }

    /** The bytes a VARCHAR's length prefix takes: 1 up to 255 bytes of data, else 2. */
    private static int lengthBytes(ColumnType varchar) {
        String charset = varchar.charset() == null ? TypeChange.DEFAULT_CHARSET : varchar.charset();
        int perChar = charset.equals("utf8mb4") ? 4 : charset.startsWith("utf8") ? 3 : charset.startsWith("utf16") || charset.equals("utf32") ? 4
                : charset.equals("ucs2") ? 2 : 1;
        return (long) varchar.length() * perChar > 255 ? 2 : 1;
    }
}
