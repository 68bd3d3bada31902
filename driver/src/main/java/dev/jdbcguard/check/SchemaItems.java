package dev.jdbcguard.check;

import dev.jdbcguard.rules.RuleCatalog;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The items about tables: keys, engines, character sets, foreign keys; all from information_schema. */
final class SchemaItems {

    private SchemaItems() {
    }

    static Item primaryKeys(Checklist checklist) throws SQLException, Server.Unreadable {
        // A unique key is as good as a primary key for replication and online schema change only when none of its
        // columns may be NULL (NULLs are never duplicates of each other).
        List<Server.Row> rows = checklist.server().query(
                "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.ENGINE, t.TABLE_ROWS FROM information_schema.TABLES t"
                        + " WHERE t.TABLE_TYPE = 'BASE TABLE' AND " + checklist.schemaCondition("t.TABLE_SCHEMA")
                        + " AND NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS s"
                        + " WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME AND s.NON_UNIQUE = 0"
                        + " GROUP BY s.INDEX_NAME HAVING SUM(s.NULLABLE = 'YES') = 0)"
                        + " ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME",
                checklist.schemaParameters());
        List<String> evidence = new ArrayList<>();
        for (Server.Row row : rows) {
            evidence.add(name(row) + " (" + row.get("ENGINE") + ", ~" + row.number("TABLE_ROWS") + " rows)");
        }
        String fix = "Give every table a primary key (ALTER TABLE t ADD PRIMARY KEY (...), or an id column):"
                + " row-based replication scans the whole table per changed row without one, gh-ost and"
                + " pt-online-schema-change refuse it, and PlanetScale requires a unique NOT NULL key.";
        return found("primary-keys", evidence, Status.FAIL, " table(s) without a primary key or NOT NULL unique key",
                "every table in " + checklist.schemaScope() + " has a primary key or a NOT NULL unique key", fix);
    }

    static Item engines(Checklist checklist) throws SQLException, Server.Unreadable {
        List<Server.Row> rows = checklist.server().query(
                "SELECT TABLE_SCHEMA, TABLE_NAME, ENGINE FROM information_schema.TABLES"
                        + " WHERE TABLE_TYPE = 'BASE TABLE' AND " + checklist.schemaCondition("TABLE_SCHEMA")
                        + " AND (ENGINE IS NULL OR ENGINE <> 'InnoDB') ORDER BY TABLE_SCHEMA, TABLE_NAME",
                checklist.schemaParameters());
        List<String> evidence = new ArrayList<>();
        for (Server.Row row : rows) {
            evidence.add(name(row) + ": " + (row.get("ENGINE") == null ? "engine unreadable (damaged table?)" : row.get("ENGINE")));
        }
        String fix = "Convert to InnoDB (ALTER TABLE t ENGINE=InnoDB, as an online schema change on a large table):"
                + " other engines lose rows on a crash, take table locks, ignore transactions, and PlanetScale runs InnoDB only.";
        return found("engines", evidence, Status.FAIL, " table(s) not on InnoDB",
                "every table in " + checklist.schemaScope() + " is InnoDB", fix);
    }

    static Item charsets(Checklist checklist) throws SQLException, Server.Unreadable {
        Server server = checklist.server();
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (Server.Row row : server.query(
                "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES"
                        + " WHERE TABLE_TYPE = 'BASE TABLE' AND " + checklist.schemaCondition("TABLE_SCHEMA")
                        + " AND TABLE_COLLATION NOT LIKE 'utf8mb4%' ORDER BY TABLE_SCHEMA, TABLE_NAME",
                checklist.schemaParameters())) {
            byTable.computeIfAbsent(name(row), k -> new ArrayList<>()).add("table default " + row.get("TABLE_COLLATION"));
        }
        // Binary and blob columns have no character set (NULL here) and are not affected.
        for (Server.Row row : server.query(
                "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.CHARACTER_SET_NAME FROM information_schema.COLUMNS c"
                        + " JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                        + " WHERE t.TABLE_TYPE = 'BASE TABLE' AND " + checklist.schemaCondition("c.TABLE_SCHEMA")
                        + " AND c.CHARACTER_SET_NAME IS NOT NULL AND c.CHARACTER_SET_NAME <> 'utf8mb4'"
                        + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION",
                checklist.schemaParameters())) {
            byTable.computeIfAbsent(name(row), k -> new ArrayList<>())
                    .add("column " + row.get("COLUMN_NAME") + " " + row.get("CHARACTER_SET_NAME"));
        }
        List<String> evidence = new ArrayList<>();
        byTable.forEach((table, what) -> evidence.add(table + ": " + ServerItems.listed(what)));
        String fix = "Convert to utf8mb4 (ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4, as an online schema change):"
                + " latin1 and utf8mb3 cannot store emoji and many scripts, and a join between columns of different"
                + " character sets cannot use an index.";
        return found("charsets", evidence, Status.WARN, " table(s) with a default or columns not in utf8mb4",
                "every table and text column in " + checklist.schemaScope() + " is utf8mb4", fix);
    }

    static Item foreignKeys(Checklist checklist) throws SQLException, Server.Unreadable {
        List<Server.Row> rows = checklist.server().query(
                "SELECT CONSTRAINT_SCHEMA AS TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME"
                        + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
                        + checklist.schemaCondition("CONSTRAINT_SCHEMA") + " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME",
                checklist.schemaParameters());
        List<String> evidence = new ArrayList<>();
        for (Server.Row row : rows) {
            evidence.add(name(row) + ": " + row.get("CONSTRAINT_NAME") + " -> " + row.get("REFERENCED_TABLE_NAME"));
        }
        String fix = "Drop the constraints and enforce the relationships in the application, or enable foreign key"
                + " support on an unsharded PlanetScale database; gh-ost cannot migrate tables with foreign keys.";
        Status status = rows.isEmpty() ? Status.PASS : checklist.statusOf(RuleCatalog.PLANETSCALE_FOREIGN_KEY);
        String rule = RuleCatalog.PLANETSCALE_FOREIGN_KEY + "=" + checklist.rules().action(RuleCatalog.PLANETSCALE_FOREIGN_KEY).label();
        String summary = rows.isEmpty() ? "no foreign keys in " + checklist.schemaScope()
                : status == Status.PASS ? rows.size() + " foreign key(s), which " + checklist.rules().description()
                        + " allows (" + rule + ")"
                : rows.size() + " foreign key(s), which " + rule + " reports";
        return new Item("foreign-keys", status, summary, evidence, fix);
    }

    /** Passes when nothing was found; otherwise {@code status}, "N" + {@code what}, one evidence line per table. */
    private static Item found(String id, List<String> evidence, Status status, String what, String clean, String fix) {
        return evidence.isEmpty() ? new Item(id, Status.PASS, clean, evidence, fix)
                : new Item(id, status, evidence.size() + what, evidence, fix);
    }

    private static String name(Server.Row row) {
        return row.get("TABLE_SCHEMA") + "." + row.get("TABLE_NAME");
    }
}
