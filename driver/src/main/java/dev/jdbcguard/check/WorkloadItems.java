package dev.jdbcguard.check;

import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The items about what the whole fleet runs, from the server's own statistics: statement shapes without an index
 * or over the slow threshold (performance_schema digests), and transactions open too long (InnoDB).
 */
final class WorkloadItems {

    static final String DIGEST_GRANT = "Start the server with performance_schema=ON and run the check as a login with"
            + " SELECT on performance_schema (GRANT SELECT ON performance_schema.* TO ...).";
    private static final int LISTED = 10;
    /** performance_schema timers count picoseconds. */
    private static final long PICOS_PER_MILLI = 1_000_000_000L;
    /** Shapes that read the server's own catalogs are monitoring (this check among them), not the application. */
    private static final List<String> SYSTEM_SCHEMAS = List.of("information_schema", "performance_schema", "mysql", "sys");

    private WorkloadItems() {
    }

    static Item unindexedDigests(Checklist checklist) throws SQLException, Server.Unreadable {
        String id = "unindexed-digests";
        long minRows = checklist.rule(RuleCatalog.QUERY_UNINDEXED).count("min-rows");
        List<Server.Row> rows = digests(checklist, "(SUM_NO_INDEX_USED > 0 OR SUM_NO_GOOD_INDEX_USED > 0)");
        List<String> found = new ArrayList<>();
        int small = 0;
        for (Server.Row row : rows) {
            long calls = Math.max(1, row.number("COUNT_STAR"));
            long examinedPerCall = row.number("SUM_ROWS_EXAMINED") / calls;
            if (examinedPerCall < minRows) {
                small++;
                continue;
            }
            found.add(String.format(Locale.ROOT, "%s total, %d call(s), %d rows examined vs %d sent per call, %s: %s",
                    millis(row.number("SUM_TIMER_WAIT")), calls, examinedPerCall, row.number("SUM_ROWS_SENT") / calls,
                    row.number("SUM_NO_INDEX_USED") > 0 ? "no index used " + row.number("SUM_NO_INDEX_USED") + "x"
                            : "no good index used " + row.number("SUM_NO_GOOD_INDEX_USED") + "x",
                    row.get("DIGEST_TEXT")));
        }
        List<String> evidence = limit(found);
        if (small > 0) {
            evidence.add(small + " shape(s) scanning fewer than " + minRows + " rows per call left out (query.unindexed min-rows)");
        }
        String fix = "Add the index each shape needs (EXPLAIN it; the guard's query.unindexed warning names the"
                + " columns), or rewrite it to use one.";
        if (found.isEmpty()) {
            return new Item(id, Status.PASS, "no statement shape in " + scope(checklist) + " scans " + minRows
                    + "+ rows per call without an index", evidence, fix);
        }
        return new Item(id, checklist.statusOf(RuleCatalog.QUERY_UNINDEXED), found.size()
                + " statement shape(s) run without a usable index, slowest total first", evidence, fix);
    }

    static Item slowDigests(Checklist checklist) throws SQLException, Server.Unreadable {
        String id = "slow-digests";
        Duration threshold = checklist.rule(RuleCatalog.QUERY_SLOW).duration("threshold");
        List<Server.Row> rows = digests(checklist, "AVG_TIMER_WAIT > " + threshold.toMillis() * PICOS_PER_MILLI);
        List<String> evidence = new ArrayList<>();
        for (Server.Row row : rows) {
            evidence.add(String.format(Locale.ROOT, "%s per call (max %s), %d call(s), %s total: %s",
                    millis(row.number("AVG_TIMER_WAIT")), millis(row.number("MAX_TIMER_WAIT")), row.number("COUNT_STAR"),
                    millis(row.number("SUM_TIMER_WAIT")), row.get("DIGEST_TEXT")));
        }
        String fix = "EXPLAIN each shape and add the missing index, fetch less, or move it off the request path;"
                + " the threshold is query.slow's (" + threshold.toMillis() + " ms).";
        if (evidence.isEmpty()) {
            return new Item(id, Status.PASS, "no statement shape in " + scope(checklist) + " averages over "
                    + threshold.toMillis() + " ms", evidence, fix);
        }
        return new Item(id, checklist.statusOf(RuleCatalog.QUERY_SLOW), evidence.size()
                + " statement shape(s) average over " + threshold.toMillis() + " ms, slowest total first", limit(evidence), fix);
    }

    static Item longTransactions(Checklist checklist) throws SQLException, Server.Unreadable {
        String id = "long-transactions";
        RuleConfig rule = checklist.rule(RuleCatalog.TX_LONG);
        long threshold = Math.max(1, rule.duration("threshold").toSeconds());
        // INNODB_TRX needs PROCESS; without it the server refuses and the item is unknown with its words.
        List<Server.Row> rows = checklist.server().query(
                "SELECT t.trx_id, t.trx_started, TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) AS age,"
                        + " t.trx_mysql_thread_id, t.trx_state, t.trx_rows_locked, t.trx_query, p.USER, p.HOST, p.COMMAND"
                        + " FROM information_schema.INNODB_TRX t"
                        + " LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                        + " WHERE TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) >= ? ORDER BY t.trx_started",
                threshold);
        List<String> evidence = new ArrayList<>();
        for (Server.Row row : rows) {
            evidence.add(String.format(Locale.ROOT, "open %d s since %s: thread %s (%s@%s, %s), %d row lock(s), now running: %s",
                    row.number("age"), row.get("trx_started"), row.get("trx_mysql_thread_id"), row.get("USER"),
                    row.get("HOST"), row.get("COMMAND"), row.number("trx_rows_locked"),
                    row.get("trx_query") == null ? "nothing (idle in transaction)" : row.get("trx_query")));
        }
        String fix = "Find the code that holds the transaction open (the guard's tx.long warning names it) and commit"
                + " sooner; KILL the thread if it is stuck. Long transactions hold locks, stall purge and block every DDL.";
        if (rows.isEmpty()) {
            return new Item(id, Status.PASS, "no transaction open for " + threshold + " s or more (tx.long threshold)",
                    evidence, fix);
        }
        return new Item(id, checklist.statusOf(RuleCatalog.TX_LONG), rows.size() + " transaction(s) open for "
                + threshold + " s or more (tx.long threshold)", limit(evidence), fix);
    }

    /**
     * The application's statement shapes matching {@code condition}, slowest total first.
     *
     * @throws Server.Unreadable also when performance_schema is off or absent, which keeps no digests
     */
    private static List<Server.Row> digests(Checklist checklist, String condition) throws SQLException, Server.Unreadable {
        String performanceSchema = checklist.server().variable("performance_schema").orElse(null);
        if (performanceSchema == null || !performanceSchema.equalsIgnoreCase("ON")) {
            throw new Server.Unreadable(performanceSchema == null ? "this server has no performance_schema"
                    : "performance_schema is OFF on this server, so it keeps no statement digests");
        }
        StringBuilder sql = new StringBuilder("SELECT SCHEMA_NAME, DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT, AVG_TIMER_WAIT,"
                + " MAX_TIMER_WAIT, SUM_ROWS_EXAMINED, SUM_ROWS_SENT, SUM_NO_INDEX_USED, SUM_NO_GOOD_INDEX_USED"
                + " FROM performance_schema.events_statements_summary_by_digest WHERE DIGEST_TEXT IS NOT NULL AND ")
                .append(condition);
        if (checklist.schema() != null) {
            sql.append(" AND SCHEMA_NAME = ?");
        }
        sql.append(" ORDER BY SUM_TIMER_WAIT DESC");
        List<Server.Row> rows = checklist.server().query(sql.toString(), checklist.schemaParameters());
        List<Server.Row> application = new ArrayList<>();
        for (Server.Row row : rows) {
            String text = row.get("DIGEST_TEXT").toLowerCase(Locale.ROOT);
            boolean monitoring = text.startsWith("show") || SYSTEM_SCHEMAS.stream().anyMatch(s -> text.contains(s + "`")
                    || text.contains(s + " ") || text.contains(s + "."));
            if (!monitoring) {
                application.add(row);
            }
        }
        return application;
    }

    private static String scope(Checklist checklist) {
        return checklist.schema() != null ? "schema `" + checklist.schema() + "`" : "any schema";
    }

    /** The first {@value #LISTED} lines and how many more; a new, mutable list. */
    private static List<String> limit(List<String> evidence) {
        if (evidence.size() <= LISTED) {
            return new ArrayList<>(evidence);
        }
        List<String> first = new ArrayList<>(evidence.subList(0, LISTED));
        first.add("and " + (evidence.size() - LISTED) + " more");
        return first;
    }

    private static String millis(long picoseconds) {
        return String.format(Locale.ROOT, "%.1f ms", picoseconds / (double) PICOS_PER_MILLI);
    }
}
