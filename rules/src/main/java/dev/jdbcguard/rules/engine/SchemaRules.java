package dev.jdbcguard.rules.engine;

import static dev.jdbcguard.rules.RuleCatalog.*;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.schema.AlterOp;
import dev.jdbcguard.rules.schema.Column;
import dev.jdbcguard.rules.schema.ColumnType;
import dev.jdbcguard.rules.schema.DdlReader;
import dev.jdbcguard.rules.schema.Index;
import dev.jdbcguard.rules.schema.OnlineDdl;
import dev.jdbcguard.rules.schema.Schema;
import dev.jdbcguard.rules.schema.SchemaChange;
import dev.jdbcguard.rules.schema.ServerVersion;
import dev.jdbcguard.rules.schema.Table;
import dev.jdbcguard.rules.schema.TypeChange;
import dev.jdbcguard.rules.sql.Classification;
import dev.jdbcguard.rules.sql.StatementInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema-aware rules: judges one DDL statement against the {@link Schema} before it, on top of the statement
 * rules' verdict, and tells the schema after it.
 *
 * <p>What needs the old table (lossy type changes, ENUM changes, a column made NOT NULL, duplicates of existing
 * indexes) is judged only when the model knows the table; otherwise {@code ddl.modify-column} fires as without a
 * model and says the type change was not judged. {@code ddl.modify-column} is kept only for a change that is
 * neither known lossy nor known safe: a widening (INT to BIGINT) or a metadata-only change passes it, and a lossy
 * one is {@code ddl.lossy-type-change} instead, unless it blocks: a profile that refuses DDL as such keeps refusing
 * it, with what the schema told added to its detail. Offline use ({@code lint}) and off the hot path only: it reads the
 * statement's text again.
 */
public final class SchemaRules {

    /**
     * The verdict on a statement under the schema model, and the model after it.
     *
     * @param verdict the statement rules' findings, adjusted, plus the schema rules' findings
     * @param after   the schema once the statement has run
     */
    public record Result(Verdict verdict, Schema after) {
    }

    private SchemaRules() {
    }

    /**
     * Whether {@code classification} is a single statement these rules judge or that changes a table's definition
     * (CREATE, ALTER, DROP or RENAME TABLE, CREATE or DROP INDEX): what a schema model fed from the server must see.
     * Computed once per SQL string, when it is judged ({@link Judgement#schemaChange()}).
     */
    static boolean concerns(Classification classification) {
        List<StatementInfo> statements = classification.statements();
        if (statements.size() != 1) {
            return false;
        }
        return switch (statements.get(0).kind()) {
            case CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE, CREATE_INDEX, DROP_INDEX -> true;
            default -> false;
        };
    }

    /**
     * Judges the single statement of {@code judgement} against {@code before}.
     *
     * @param judgement the statement rules' judgement of one statement (as {@code lint} slices a file)
     */
    public static Result judge(Judgement judgement, Schema before) {
        return judge(judgement, before, ServerVersion.DEFAULT);
    }

    /**
     * As {@link #judge(Judgement, Schema)}, and every finding on an {@code ALTER TABLE} says how {@code server} runs
     * it ({@link OnlineDdl}: INSTANT, INPLACE or COPY, whether writes are blocked, the clause to state).
     */
    public static Result judge(Judgement judgement, Schema before, ServerVersion server) {
        if (judgement.classification().statements().stream().noneMatch(statement -> statement.kind().isDdl())) {
            // No schema change to read (DdlReader reads only DDL): spares lint a second lexing of every DML statement.
            return new Result(judgement.verdict(), before);
        }
        SchemaChange change = DdlReader.read(judgement.sql());
        if (change == null) {
            return new Result(judgement.verdict(), before);
        }
        Schema after = before.apply(change);
        Judging judging = new Judging(judgement, before);
        judging.judge(change, after);
        String algorithm = null;
        if (change instanceof SchemaChange.AlterTable alter) {
            OnlineDdl.Verdict verdict = OnlineDdl.classify(alter.ops(), before.table(alter.table()), server);
            algorithm = verdict == null ? null : verdict.describe(server);
        }
        return new Result(judging.verdict(algorithm), after);
    }

    /** The findings of one statement being collected. */
    private static final class Judging {
        private final Judgement judgement;
        private final Schema before;
        /** Rule id to the details found, so each rule fires once per statement with every detail. */
        private final Map<String, List<String>> details = new LinkedHashMap<>();
        private String table;
        /** Whether every MODIFY/CHANGE was judged as lossy or safe, so ddl.modify-column has nothing left to say. */
        private boolean modifyDecided = true;
        private String notJudged;
        /** What the schema told of each MODIFY/CHANGE judged, for a {@code ddl.modify-column} that blocks anyway. */
        private final List<String> judged = new ArrayList<>();

        Judging(Judgement judgement, Schema before) {
            this.judgement = judgement;
            this.before = before;
        }

        void judge(SchemaChange change, Schema after) {
            table = change.table();
            if (change instanceof SchemaChange.CreateTable create) {
                Table created = create.definition();
                if (created.hasOnlyPartialRowKeys()) {
                    add(DDL_NO_PRIMARY_KEY, "CREATE TABLE whose primary or NOT NULL unique keys index a column prefix or a TEXT/BLOB"
                            + " column, which does not identify a row");
                } else if (!created.hasRowKey()) {
                    add(DDL_NO_PRIMARY_KEY, "CREATE TABLE without a primary key or NOT NULL unique key");
                }
                List<Index> seen = new ArrayList<>();
                for (Index index : created.indexes()) {
                    duplicate(index, seen);
                    seen.add(index);
                }
            } else if (change instanceof SchemaChange.AlterTable alter) {
                alter(alter, after);
            } else if (change instanceof SchemaChange.CreateIndex create) {
                Table known = before.table(create.table());
                if (known != null) {
                    duplicate(create.index(), known.indexes());
                }
            }
        }

        private void alter(SchemaChange.AlterTable alter, Schema after) {
            Table known = before.table(alter.table());
            List<Index> indexes = known == null ? new ArrayList<>() : new ArrayList<>(known.indexes());
            for (AlterOp op : alter.ops()) {
                if (op instanceof AlterOp.AddColumn add) {
                    Column column = add.column();
                    if (!column.nullable() && !column.hasDefault() && !column.autoIncrement() && !column.generated()) {
                        add(DDL_NOT_NULL_WITHOUT_DEFAULT, "ADD COLUMN " + column.name() + " " + column.type() + " NOT NULL without DEFAULT");
                    }
                } else if (op instanceof AlterOp.ModifyColumn modify) {
                    modify(known, modify);
                } else if (op instanceof AlterOp.AddIndex add) {
                    if (known != null) {
                        duplicate(add.index(), indexes);
                    }
                    indexes.add(add.index());
                } else if (op instanceof AlterOp.DropIndex drop) {
                    // DROP INDEX a, ADD INDEX a (x, y) replaces a: the new one duplicates nothing that stays
                    indexes.removeIf(index -> drop.name().equals(index.name()));
                } else if (op instanceof AlterOp.DropPrimaryKey) {
                    indexes.removeIf(index -> index.kind() == Index.Kind.PRIMARY);
                } else if (op instanceof AlterOp.ConvertCharset convert) {
                    convert(known, convert.charset());
                } else if (op instanceof AlterOp.DefaultCharset charset) {
                    String current = known == null ? null : known.charset();
                    if (charset.charset() != null && !charset.charset().equals(current)) {
                        add(DDL_CHARSET_CHANGE, "default CHARACTER SET " + (current == null ? "" : current + " -> ") + charset.charset()
                                + " (columns added later use it; existing ones keep theirs)");
                    }
                }
            }
            Table altered = after.table(alter.table());
            if (known != null && known.hasRowKey() && altered != null && !altered.hasRowKey()) {
                add(DDL_NO_PRIMARY_KEY, "ALTER TABLE leaves the table without a primary key or NOT NULL unique key");
            }
        }

        private void modify(Table known, AlterOp.ModifyColumn modify) {
            Column old = known == null ? null : known.column(modify.oldName());
            if (old == null) {
                modifyDecided = false;
                notJudged = "type change not judged: " + (known == null ? "table " + table : "column " + modify.oldName()) + " is not in the schema model";
                return;
            }
            Column column = modify.column();
            ColumnType from = known.resolvedType(old);
            ColumnType to = column.type().charset() == null && column.type().isText() ? column.type().withCharset(known.charset()) : column.type();
            TypeChange change = TypeChange.of(from, to);
            String where = "MODIFY " + old.name() + " ";
            judged.add(where + change.reason());
            switch (change.kind()) {
                case LOSSY:
                    add(DDL_LOSSY_TYPE_CHANGE, where + change.reason());
                    break;
                case ENUM_CHANGE:
                    add(DDL_ENUM_CHANGE, where + change.reason());
                    break;
                case CHARSET_CHANGE:
                    add(DDL_CHARSET_CHANGE, where + change.reason());
                    break;
                case OTHER:
                    modifyDecided = false;
                    notJudged = change.reason();
                    break;
                default:
                    break;
            }
            if (old.nullable() && !column.nullable()) {
                add(DDL_NOT_NULL_WITHOUT_DEFAULT, where + "NULL -> NOT NULL: fails on the first existing NULL");
            }
        }

        private void convert(Table known, String charset) {
            if (known == null) {
                add(DDL_CHARSET_CHANGE, "CONVERT TO CHARACTER SET " + charset);
                return;
            }
            for (Column column : known.columns()) {
                if (column.type().isText()) {
                    TypeChange change = TypeChange.of(known.resolvedType(column), column.type().withCharset(charset));
                    if (change.kind() == TypeChange.Kind.LOSSY) {
                        add(DDL_LOSSY_TYPE_CHANGE, "CONVERT TO CHARACTER SET on column " + column.name() + ": " + change.reason());
                    } else if (change.kind() == TypeChange.Kind.CHARSET_CHANGE) {
                        add(DDL_CHARSET_CHANGE, "CONVERT TO CHARACTER SET " + charset + " converts column " + column.name());
                    }
                }
            }
        }

        /** Reports {@code added} when it duplicates one of {@code existing} or makes one redundant. */
        private void duplicate(Index added, List<Index> existing) {
            for (Index other : existing) {
                String why = redundancy(added, other);
                if (why != null) {
                    add(DDL_DUPLICATE_INDEX, why);
                }
            }
        }

        void add(String ruleId, String detail) {
            details.computeIfAbsent(ruleId, id -> new ArrayList<>()).add(detail);
        }

        /** The findings; each with {@code [algorithm]} appended to its detail when that is not null. */
        Verdict verdict(String algorithm) {
            List<StatementInfo> statements = judgement.classification().statements();
            StatementInfo statement = statements.isEmpty() ? null : statements.get(0);
            List<Finding> findings = new ArrayList<>();
            for (Finding finding : judgement.verdict().findings()) {
                if (!finding.ruleId().equals(DDL_MODIFY_COLUMN)) {
                    findings.add(finding);
                } else if (!modifyDecided) {
                    findings.add(Finding.of(finding.rule(), finding.action(), finding.detail() + " (" + notJudged + ")",
                            finding.table(), finding.fingerprint(), finding.statementIndex(), finding.startOffset()));
                } else if (finding.action() == Action.BLOCK) {
                    // A profile that refuses DDL as such (production's `ddl: block`) still refuses it: knowing the
                    // type change tells the user more, it never lets the statement through.
                    findings.add(judged.isEmpty() ? finding : Finding.of(finding.rule(), finding.action(), finding.detail()
                            + " (judged against the schema: " + String.join("; ", judged) + ")", finding.table(),
                            finding.fingerprint(), finding.statementIndex(), finding.startOffset()));
                }
            }
            for (Map.Entry<String, List<String>> entry : details.entrySet()) {
                String ruleId = entry.getKey();
                if (judgement.classification().allows(ruleId)) {
                    continue;
                }
                RuleConfig config = judgement.ruleSet().rule(ruleId);
                Action action = config.actionFor(table);
                if (action == Action.OFF) {
                    continue;
                }
                String detail = String.join("; ", entry.getValue()) + " on " + table;
                findings.add(Finding.of(config.rule(), action, detail, table, statement == null ? judgement.fingerprint() : statement.fingerprint(),
                        0, statement == null ? 0 : statement.startOffset()));
            }
            if (algorithm != null) {
                findings.replaceAll(f -> Finding.of(f.rule(), f.action(), f.detail() + " [" + algorithm + "]", f.table(),
                        f.fingerprint(), f.statementIndex(), f.startOffset()));
            }
            return findings.isEmpty() ? Verdict.PASS : Verdict.Findings.of(findings);
        }
    }

    /** Why {@code added} duplicates {@code other} or makes it redundant, or null when they serve different queries. */
    static String redundancy(Index added, Index other) {
        boolean addedText = added.kind() == Index.Kind.FULLTEXT || added.kind() == Index.Kind.SPATIAL;
        boolean otherText = other.kind() == Index.Kind.FULLTEXT || other.kind() == Index.Kind.SPATIAL;
        if (addedText || otherText) {
            return addedText && added.kind() == other.kind() && added.columns().equals(other.columns())
                    ? "index " + added.label() + " duplicates " + other.label() : null;
        }
        List<String> a = added.columns();
        List<String> b = other.columns();
        if (a.equals(b)) {
            // A unique key over the same columns as a plain one does more; the plain one is the redundant one.
            return added.unique() && !other.unique()
                    ? "index " + added.label() + " makes " + other.label() + " redundant (same columns)"
                    : "index " + added.label() + " duplicates " + other.label() + " (same columns)";
        }
        if (!added.unique() && b.size() > a.size() && b.subList(0, a.size()).equals(a)) {
            return "index " + added.label() + " is redundant: its columns are a leftmost prefix of " + other.label();
        }
        if (!other.unique() && a.size() > b.size() && a.subList(0, b.size()).equals(b)) {
            return "index " + added.label() + " makes " + other.label() + " redundant: its columns are a leftmost prefix of the new one";
        }
        return null;
    }
}
