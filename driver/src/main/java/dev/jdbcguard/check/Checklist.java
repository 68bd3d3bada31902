package dev.jdbcguard.check;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The production checklist: every item in report order, run against one server with the thresholds of one rule set.
 *
 * @param server the audited server
 * @param rules  the rules whose thresholds and actions the items apply ({@code tx.long}, {@code conn.cap}, ...)
 * @param schema the schema the schema items read (the URL's database), or {@code null} for every non-system schema
 */
record Checklist(Server server, RuleSet rules, String schema) {

    /** One item: its id, the fix when it cannot be read, and how it reads the server. */
    private record Definition(String id, String unreadableFix, Reader reader) {
    }

    @FunctionalInterface
    interface Reader {
        Item read(Checklist checklist) throws SQLException, Server.Unreadable;
    }

    static final String PROCESS_GRANT = "Run the check as a login with SELECT on *.* and PROCESS"
            + " (GRANT SELECT, PROCESS ON *.* TO 'check'@'%').";

    private static final List<Definition> ITEMS = List.of(
            new Definition("tls", PROCESS_GRANT, ServerItems::tls),
            new Definition("connections", PROCESS_GRANT, ServerItems::connections),
            new Definition("primary-keys", PROCESS_GRANT, SchemaItems::primaryKeys),
            new Definition("engines", PROCESS_GRANT, SchemaItems::engines),
            new Definition("charsets", PROCESS_GRANT, SchemaItems::charsets),
            new Definition("foreign-keys", PROCESS_GRANT, SchemaItems::foreignKeys),
            new Definition("unindexed-digests", WorkloadItems.DIGEST_GRANT, WorkloadItems::unindexedDigests),
            new Definition("slow-digests", WorkloadItems.DIGEST_GRANT, WorkloadItems::slowDigests),
            new Definition("long-transactions", PROCESS_GRANT, WorkloadItems::longTransactions),
            new Definition("backups", PROCESS_GRANT, ServerItems::backups),
            new Definition("monitoring", WorkloadItems.DIGEST_GRANT, ServerItems::monitoring),
            new Definition("safe-updates", PROCESS_GRANT, ServerItems::safeUpdates),
            new Definition("sql-mode", PROCESS_GRANT, ServerItems::sqlMode));

    /** Every item id, in report order. */
    static List<String> ids() {
        return ITEMS.stream().map(Definition::id).toList();
    }

    /**
     * Runs every item. An item the server will not let this login read is {@code unknown} with the server's words;
     * the others still run.
     *
     * @throws SQLException when the server fails for another reason (the connection is gone): no report then
     */
    List<Item> run() throws SQLException {
        List<Item> items = new ArrayList<>();
        for (Definition item : ITEMS) {
            try {
                items.add(item.reader().read(this));
            } catch (Server.Unreadable e) {
                items.add(unknown(item.id(), e.getMessage(), item.unreadableFix()));
            }
        }
        return items;
    }

    static Item unknown(String id, String reason, String fix) {
        return new Item(id, Status.UNKNOWN, reason, List.of(), fix);
    }

    /** The status an item takes when it finds what {@code ruleId} reports: off passes, warn warns, block fails. */
    Status statusOf(String ruleId) {
        Action action = rules.action(ruleId);
        return action == Action.BLOCK ? Status.FAIL : action == Action.WARN ? Status.WARN : Status.PASS;
    }

    /** The rule's configuration in this rule set (its defaults when the set does not mention it). */
    RuleConfig rule(String ruleId) {
        return rules.rule(ruleId);
    }

    /** {@code column = ?} for the URL's schema, else {@code column NOT IN (system schemas)}; see {@link #schemaParameters()}. */
    String schemaCondition(String column) {
        return schema != null ? column + " = ?"
                : column + " NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')";
    }

    Object[] schemaParameters() {
        return schema != null ? new Object[] {schema} : new Object[0];
    }

    /** "schema `shop`" or "every non-system schema", for summaries. */
    String schemaScope() {
        return schema != null ? "schema `" + schema + "`" : "every non-system schema";
    }
}
