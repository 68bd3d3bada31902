package dev.jdbcguard.rules.engine;

import static dev.jdbcguard.rules.RuleCatalog.*;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.sql.Classification;
import dev.jdbcguard.rules.sql.DdlOperation;
import dev.jdbcguard.rules.sql.QueryPattern;
import dev.jdbcguard.rules.sql.SqlConstruct;
import dev.jdbcguard.rules.sql.StatementInfo;
import dev.jdbcguard.rules.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statement-level rules: which rule ids a classified statement trips. Runs on a cache miss only.
 *
 * <p>Each statement of a multi-statement string is judged on its own. DDL maps to one {@code ddl.*} rule per
 * statement kind, or per operation of an {@code ALTER TABLE} / {@code CREATE|DROP INDEX} (an ALTER with a drop and
 * an add trips both; the same rule fires once per statement). {@code DROP/TRUNCATE PARTITION} deletes rows and
 * counts as {@code ddl.truncate}. A {@code guard:allow} comment exempts the statement it belongs to (the one it sits
 * in or precedes), never its neighbours, and none at all when the rule set turns inline allows off.
 */
final class StatementRules {

    private StatementRules() {
    }

    static Verdict judge(Classification classification, RuleSet rules) {
        return judge(classification, rules, null);
    }

    /**
     * @param next the statement that directly follows the string's last one (the next of a file, for {@code lint}),
     *             or null: a {@code DROP TABLE IF EXISTS x} before {@code CREATE TABLE x} is a recreate
     */
    static Verdict judge(Classification classification, RuleSet rules, StatementInfo next) {
        List<Finding> findings = new ArrayList<>(2);
        Collector collector = new Collector(classification, rules, findings);
        List<StatementInfo> statements = classification.statements();
        boolean unparseableSeen = false;
        for (int index = 0; index < statements.size(); index++) {
            StatementInfo statement = statements.get(index);
            collector.start(statement, index);
            unparseableSeen |= statement.kind() == StatementKind.UNPARSEABLE;
            StatementInfo following = index + 1 < statements.size() ? statements.get(index + 1) : next;
            if (statement.recreatedBy(following)) {
                collector.fire(PLANETSCALE_DIRECT_DDL, "DROP TABLE");
                collector.fire(DDL_RECREATE_TABLE, "DROP TABLE IF EXISTS directly followed by CREATE TABLE (replaced by an empty table)");
            } else {
                judge(statement, collector);
            }
        }
        if (classification.unparseable() && !unparseableSeen) {
            collector.startWhole();
            collector.fire(QUERY_UNPARSEABLE, "unparseable SQL: " + classification.unparseableReason());
        }
        return findings.isEmpty() ? Verdict.PASS : Verdict.Findings.of(findings);
    }

    private static void judge(StatementInfo statement, Collector out) {
        StatementKind kind = statement.kind();
        if (kind.isDdl()) {
            out.fire(PLANETSCALE_DIRECT_DDL, words(kind.name()));
            ddl(statement, out);
        }
        switch (kind) {
            case UPDATE:
            case DELETE:
                if (!statement.hasWhere()) {
                    out.fire(DML_NO_WHERE, kind.name() + " without WHERE" + (statement.hasLimit() ? " (a LIMIT still changes arbitrary rows)" : ""));
                }
                break;
            case LOAD_DATA:
                out.fire(PLANETSCALE_LOAD_DATA, "LOAD DATA");
                break;
            case LOCK_TABLES:
                out.fire(PLANETSCALE_LOCK_TABLES, "LOCK TABLES");
                break;
            case CALL:
                out.fire(PLANETSCALE_STORED_ROUTINE, "CALL of a stored procedure");
                break;
            case DYNAMIC_SQL:
                out.fire(QUERY_DYNAMIC_SQL, "PREPARE/EXECUTE IMMEDIATE of SQL text the statement does not spell out");
                break;
            case UNPARSEABLE:
                out.fire(QUERY_UNPARSEABLE, "unparseable SQL" + (out.classification.unparseableReason() != null
                        ? ": " + out.classification.unparseableReason() : ""));
                break;
            default:
                break;
        }
        if (statement.selectStar()) {
            out.fire(QUERY_SELECT_STAR, "SELECT *");
        }
        if (statement.intoOutfile()) {
            out.fire(PLANETSCALE_INTO_OUTFILE, "SELECT ... INTO OUTFILE");
        }
        if (!statement.constructs().isEmpty()) {
            out.fire(PLANETSCALE_UNSUPPORTED_SYNTAX, labels(statement.constructs()));
        }
        for (QueryPattern pattern : statement.patterns()) {
            pattern(pattern, kind, out);
        }
    }

    private static void pattern(QueryPattern pattern, StatementKind kind, Collector out) {
        switch (pattern) {
            case LEADING_WILDCARD:
                out.fire(QUERY_LEADING_WILDCARD, "LIKE pattern starting with a wildcard");
                break;
            case FUNCTION_ON_COLUMN:
                out.fire(QUERY_FUNCTION_ON_COLUMN, "function or arithmetic on a column in WHERE");
                break;
            case ORDER_BY_RAND:
                out.fire(QUERY_ORDER_BY_RAND, "ORDER BY RAND()");
                break;
            case INSERT_WITHOUT_COLUMNS:
                out.fire(DML_INSERT_WITHOUT_COLUMNS, kind.name() + " without a column list");
                break;
            case LIMIT_WITHOUT_ORDER:
                out.fire(DML_LIMIT_WITHOUT_ORDER, kind.name() + " with LIMIT but no ORDER BY");
                break;
            case ALWAYS_TRUE_WHERE:
                out.fire(QUERY_ALWAYS_TRUE_WHERE, kind.name() + " with an always-true WHERE");
                break;
            default:
                break;
        }
    }

    private static void ddl(StatementInfo statement, Collector out) {
        StatementKind kind = statement.kind();
        switch (kind) {
            case DROP_DATABASE:
                out.fire(DDL_DROP_DATABASE, "DROP DATABASE");
                out.fire(PLANETSCALE_CREATE_DATABASE, "DROP DATABASE");
                return;
            case CREATE_DATABASE:
                out.fire(DDL_OTHER, "CREATE DATABASE");
                out.fire(PLANETSCALE_CREATE_DATABASE, "CREATE DATABASE");
                return;
            case DROP_TABLE:
                out.fire(DDL_DROP_TABLE, "DROP TABLE");
                return;
            case TRUNCATE:
                out.fire(DDL_TRUNCATE, "TRUNCATE TABLE");
                return;
            case RENAME_TABLE:
                out.fire(DDL_RENAME_TABLE, "RENAME TABLE");
                return;
            case CREATE_ROUTINE:
                out.fire(DDL_OTHER, "CREATE/ALTER of a routine, trigger or event");
                out.fire(PLANETSCALE_STORED_ROUTINE, "CREATE/ALTER of a routine, trigger or event");
                return;
            case CREATE_TABLE:
                out.fire(DDL_CREATE_TABLE, "CREATE TABLE");
                if (statement.ddlOperations().contains(DdlOperation.ADD_FOREIGN_KEY)) {
                    out.fire(PLANETSCALE_FOREIGN_KEY, "CREATE TABLE with a FOREIGN KEY");
                }
                return;
            case ALTER_TABLE:
            case CREATE_INDEX:
            case DROP_INDEX:
                String prefix = words(kind.name());
                if (statement.ddlOperations().isEmpty()) {
                    out.fire(kind == StatementKind.CREATE_INDEX ? DDL_ADD_INDEX : kind == StatementKind.DROP_INDEX ? DDL_DROP_INDEX : DDL_OTHER, prefix);
                }
                for (DdlOperation operation : statement.ddlOperations()) {
                    String detail = kind == StatementKind.ALTER_TABLE ? prefix + " " + words(operation.name()) : prefix;
                    out.fire(ruleFor(operation), detail);
                    if (operation == DdlOperation.ADD_FOREIGN_KEY) {
                        out.fire(PLANETSCALE_FOREIGN_KEY, detail);
                    }
                }
                return;
            default:
                out.fire(DDL_OTHER, words(kind.name()));
        }
    }

    private static String labels(List<SqlConstruct> constructs) {
        StringBuilder text = new StringBuilder();
        for (SqlConstruct construct : constructs) {
            text.append(text.length() == 0 ? "" : ", ").append(construct.label());
        }
        return text.toString();
    }

    private static String ruleFor(DdlOperation operation) {
        switch (operation) {
            case ADD_COLUMN: return DDL_ADD_COLUMN;
            case DROP_COLUMN: return DDL_DROP_COLUMN;
            case MODIFY_COLUMN: return DDL_MODIFY_COLUMN;
            case RENAME_COLUMN: return DDL_RENAME_COLUMN;
            case ADD_INDEX: return DDL_ADD_INDEX;
            case ADD_UNIQUE_INDEX: return DDL_ADD_UNIQUE_INDEX;
            case ADD_CHECK: return DDL_ADD_CHECK;
            case DROP_INDEX: return DDL_DROP_INDEX;
            case ADD_FOREIGN_KEY: return DDL_ADD_FOREIGN_KEY;
            case RENAME_TABLE: return DDL_RENAME_TABLE;
            case DROP_PARTITION: return DDL_TRUNCATE;
            default: return DDL_OTHER;
        }
    }

    private static String words(String constant) {
        return constant.replace('_', ' ').toUpperCase(Locale.ROOT);
    }

    /** Turns a rule id into a finding for the current statement, applying allow comments and table exceptions. */
    private static final class Collector {
        final Classification classification;
        private final RuleSet rules;
        private final List<Finding> findings;
        private StatementInfo statement;
        private int index;
        private int firstOfStatement;

        Collector(Classification classification, RuleSet rules, List<Finding> findings) {
            this.classification = classification;
            this.rules = rules;
            this.findings = findings;
        }

        void start(StatementInfo statement, int index) {
            this.statement = statement;
            this.index = index;
            this.firstOfStatement = findings.size();
        }

        /** For a problem of the whole string that no statement carries. */
        void startWhole() {
            start(null, 0);
        }

        void fire(String ruleId, String what) {
            if (rules.inlineAllows() && (statement == null ? classification.allows(ruleId)
                    : classification.allows(index, ruleId))) {
                return;
            }
            for (int i = firstOfStatement; i < findings.size(); i++) {
                if (findings.get(i).ruleId().equals(ruleId)) {
                    return;
                }
            }
            RuleConfig config = rules.rule(ruleId);
            Action action = config.action();
            String table = null;
            List<String> tables = statement == null ? List.of() : statement.tables();
            if (!tables.isEmpty()) {
                action = Action.OFF;
                for (String candidate : tables) {
                    Action forTable = config.actionFor(candidate);
                    if (table == null || forTable.compareTo(action) > 0) {
                        action = forTable;
                        table = candidate;
                    }
                }
            }
            if (action == Action.OFF) {
                return;
            }
            String detail = table == null ? what : what + " on " + table;
            String fingerprint = statement == null ? classification.fingerprint() : statement.fingerprint();
            int offset = statement == null ? 0 : statement.startOffset();
            findings.add(Finding.of(config.rule(), action, detail, table, fingerprint, index, offset));
        }
    }
}
