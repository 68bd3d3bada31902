package dev.jdbcguard.rules.lint;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.engine.Finding;
import dev.jdbcguard.rules.engine.Judgement;
import dev.jdbcguard.rules.engine.SchemaRules;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.file.RuleFileException;
import dev.jdbcguard.rules.file.RuleSelection;
import dev.jdbcguard.rules.schema.Schema;
import dev.jdbcguard.rules.schema.ServerVersion;
import dev.jdbcguard.rules.sql.Classification;
import dev.jdbcguard.rules.sql.RoutineBody;
import dev.jdbcguard.rules.sql.SqlClassifier;
import dev.jdbcguard.rules.sql.SqlScript;
import dev.jdbcguard.rules.sql.StatementInfo;
import dev.jdbcguard.rules.sql.StatementKind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code lint}: judges SQL files offline with the statement rules, so migrations can be gated in CI before they
 * reach a database.
 *
 * <p>Directories are searched recursively for {@code *.sql} files, in the order a migration tool runs them
 * ({@link MigrationOrder}: Flyway versions, then repeatables, then other files by path); files named on the command
 * line are judged whatever their extension, in the order given. A file is read as the mysql client, Flyway and
 * MyBatis' ScriptRunner run it ({@link SqlScript}: DELIMITER lines, routine bodies), one statement at a time, and
 * findings are written as they are found ({@link LintReport}), so memory does not grow with the input. Each
 * statement is judged on its own text (its {@code guard:allow} comments cover only it), a routine's body statements
 * as what they are ({@link RoutineBody}), and against the schema the statements before it built: the
 * {@code CREATE}/{@code ALTER}/{@code DROP}/{@code RENAME} statements of the run are replayed into a
 * {@link Schema}, so a type change is judged against the column's declared type ({@link SchemaRules}). Only
 * statement rules apply: connection and runtime rules need a running application.
 *
 * <p>Exit status: {@value #PASSED} when no finding reaches {@code --fail-on}, {@value #FAILED} when one does,
 * {@value #BAD_INPUT} on bad input (unknown option, missing path, no {@code .sql} file found, unreadable file, bad
 * rules), with the precise error on the error stream.
 */
public final class Lint {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static final String USAGE = String.join("\n",
            "usage: lint [--profile P] [--rules FILE] [--format text|json|sarif|github|html] [--fail-on block|warn]",
            "            [--mode enforce|observe] [--server mysql-8.0.40|mariadb-10.11]",
            "            [--baseline FILE | --write-baseline FILE] PATH...",
            "  PATH              a .sql file, or a directory searched recursively for *.sql",
            "  --profile P       built-in profile: production (default), planetscale, development, migration",
            "                    (else JDBC_GUARD_PROFILE)",
            "  --rules FILE      a rule file (else JDBC_GUARD_RULES); its 'extends' wins over --profile",
            "  --format F        text (default), json, sarif (SARIF 2.1.0), github (workflow annotations), or html",
            "                    (the findings report, one self-contained page)",
            "  --server S        the target server, for how each ALTER runs (INSTANT/INPLACE/COPY): mysql-X.Y[.Z]",
            "                    or mariadb-X.Y[.Z] (default: the latest MySQL 8.0)",
            "  --baseline FILE   leave out the findings FILE knows (by rule, file and statement fingerprint)",
            "  --write-baseline FILE  write every finding to FILE as the new baseline and pass",
            "  --fail-on A       exit 1 when a finding is at least A: block (default) or warn",
            "  --mode M          observe: report blocks as would-block, which fail only --fail-on warn (else",
            "                    JDBC_GUARD_MODE, else the rule file's mode:, else enforce); the rule file's allow:",
            "                    entries are left out either way, and counted",
            "exit status: 0 passed, 1 a finding reached --fail-on, 2 bad input");

    private Lint() {
    }

    /**
     * Runs {@code lint} with its arguments (without the word {@code lint}).
     *
     * @param environment the process environment, for {@code JDBC_GUARD_PROFILE} / {@code JDBC_GUARD_RULES}
     * @return the exit status
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> environment) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("lint: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
        Mode chosen;
        try {
            chosen = Mode.chosen(options.mode, environment);
        } catch (IllegalArgumentException e) {
            err.println("lint: invalid " + e.getMessage());
            return BAD_INPUT;
        }
        Instant started = Instant.now();
        try {
            RuleSelection selection = RuleSelection.select(options.profile, options.rules, environment);
            RuleSet rules = selection.load();
            List<Path> files = sqlFiles(options.paths);
            if (files.isEmpty()) {
                // A gate that passes because it was pointed at the wrong folder protects nothing.
                err.println("lint: no .sql files in " + options.paths);
                return BAD_INPUT;
            }
            // Read before anything is written, so a bad baseline is bad input with nothing on the output.
            Baseline baseline = options.baseline == null ? null : Baseline.read(options.baseline);
            SortedSet<String> newBaseline = options.writeBaseline == null ? null : new TreeSet<>();
            long[] written = new long[1];
            Mode mode = chosen != null ? chosen : rules.mode();
            LintReport report = LintReport.of(options.format, out, rules.description(), options.failOn, mode, files.size(),
                    started);
            Consumer<LintReport.Located> sink = located -> {
                if (allowed(located, rules)) {
                    report.allowed();
                } else if (newBaseline != null) {
                    newBaseline.add(Baseline.key(located));
                    written[0]++;
                } else if (baseline != null && baseline.knows(located)) {
                    report.known();
                } else {
                    report.add(located);
                }
            };
            if (newBaseline == null) {
                report.start();
            }
            Schema schema = Schema.EMPTY;
            for (Path file : files) {
                schema = judge(file, rules, schema, options.server, sink);
            }
            if (newBaseline != null) {
                Baseline.write(options.writeBaseline, newBaseline);
                out.println("lint: wrote " + written[0] + (written[0] == 1 ? " finding" : " findings") + " to the baseline "
                        + options.writeBaseline);
                return PASSED;
            }
            report.finish();
            return report.failed() ? FAILED : PASSED;
        } catch (RuleFileException e) {
            err.println("lint: bad rules: " + e.getMessage());
            return BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("lint: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    /**
     * True for a finding the rule file's {@code allow:} entries accept, as the driver decides it ({@link RuleSet#allowed},
     * one implementation for both): left out of the report and the baseline, and counted.
     */
    private static boolean allowed(LintReport.Located located, RuleSet rules) {
        Finding finding = located.finding();
        return rules.allowed(finding.ruleId(), finding.fingerprint(),
                finding.table() == null ? List.of() : List.of(finding.table())) != null;
    }

    /**
     * Judges the statements of {@code file} in order against the schema they build, as {@link SqlScript} reads them
     * (DELIMITER lines, routine bodies); the schema after them. Streams: one statement is classified ahead of the one
     * judged, which tells whether a {@code DROP TABLE IF EXISTS} is directly followed by the same table's
     * {@code CREATE TABLE}; nothing else of the file is held.
     */
    private static Schema judge(Path file, RuleSet rules, Schema schema, ServerVersion server, Consumer<LintReport.Located> sink) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            SqlScript script = new SqlScript(reader);
            SqlScript.Piece previous = null;
            Classification previousClassification = null;
            for (SqlScript.Piece piece = script.next(); ; piece = script.next()) {
                Classification classification = piece == null ? null : SqlClassifier.classify(piece.text());
                if (previous != null) {
                    StatementInfo next = classification == null || classification.statements().isEmpty() ? null
                            : classification.statements().get(0);
                    schema = judge(file, previous, previousClassification, next, rules, schema, server, sink);
                }
                if (piece == null) {
                    return schema;
                }
                previous = piece;
                previousClassification = classification;
            }
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }

    /** One statement of a file, then the statements in its body when it defines a routine. */
    private static Schema judge(Path file, SqlScript.Piece piece, Classification classification, StatementInfo next, RuleSet rules,
            Schema schema, ServerVersion server, Consumer<LintReport.Located> sink) {
        Judgement judgement = StatementJudge.judge(piece.text(), classification, rules, next);
        SchemaRules.Result judged = SchemaRules.judge(judgement, schema, server);
        for (Finding finding : judged.verdict().findings()) {
            sink.accept(locate(file, piece, finding.startOffset(), finding));
        }
        List<StatementInfo> statements = classification.statements();
        if (statements.size() == 1 && statements.get(0).kind() == StatementKind.CREATE_ROUTINE) {
            routineBody(file, piece, classification, rules, sink);
        }
        return judged.after();
    }

    /**
     * The statements a routine's body runs, each judged as what it is at its own line. They run when the routine is
     * called, not when it is created, so they change no schema here; text in the body the classifier cannot read is
     * procedural code (the server parsed the routine as a whole), not an unparseable statement; a
     * {@code guard:allow} that belongs to the routine covers its body.
     */
    private static void routineBody(Path file, SqlScript.Piece piece, Classification routine, RuleSet rules,
            Consumer<LintReport.Located> sink) {
        for (RoutineBody.Span span : RoutineBody.statements(piece.text())) {
            Judgement inner = StatementJudge.judge(piece.text().substring(span.start(), span.end()), rules);
            for (Finding finding : inner.verdict().findings()) {
                boolean allowed = rules.inlineAllows() && routine.allows(0, finding.ruleId());
                if (!allowed && !finding.ruleId().equals(RuleCatalog.QUERY_UNPARSEABLE)) {
                    sink.accept(locate(file, piece, span.start() + finding.startOffset(), finding));
                }
            }
        }
    }

    private static LintReport.Located locate(Path file, SqlScript.Piece piece, int offset, Finding finding) {
        return new LintReport.Located(file, piece.lineOf(offset), piece.columnOf(offset), finding);
    }

    private static List<Path> sqlFiles(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".sql"))
                            .sorted(MigrationOrder.COMPARATOR).forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(path + ": cannot list: " + e, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new UncheckedIOException(path + ": no such file or directory", new IOException(path.toString()));
            }
        }
        return files;
    }

    /** The parsed command line. */
    private static final class Options {
        String profile;
        String rules;
        String format = "text";
        Path baseline;
        Path writeBaseline;
        ServerVersion server = ServerVersion.DEFAULT;
        Action failOn = Action.BLOCK;
        String mode;
        final List<Path> paths = new ArrayList<>();

        static Options parse(List<String> args) {
            Options options = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--profile":
                        options.profile = value(args, ++i, arg);
                        break;
                    case "--rules":
                        options.rules = value(args, ++i, arg);
                        break;
                    case "--format":
                        String format = value(args, ++i, arg);
                        if (!List.of("text", "json", "sarif", "github", "html").contains(format)) {
                            throw new IllegalArgumentException("--format must be text, json, sarif, github or html, not '" + format + "'");
                        }
                        options.format = format;
                        break;
                    case "--server":
                        options.server = ServerVersion.parse(value(args, ++i, arg));
                        break;
                    case "--baseline":
                        options.baseline = Path.of(value(args, ++i, arg));
                        break;
                    case "--write-baseline":
                        options.writeBaseline = Path.of(value(args, ++i, arg));
                        break;
                    case "--mode":
                        String mode = value(args, ++i, arg);
                        if (Mode.parse(mode) == null) {
                            throw new IllegalArgumentException("--mode must be enforce or observe, not '" + mode + "'");
                        }
                        options.mode = mode;
                        break;
                    case "--fail-on":
                        String level = value(args, ++i, arg);
                        Action action = Action.parse(level);
                        if (action == null || action == Action.OFF) {
                            throw new IllegalArgumentException("--fail-on must be block or warn, not '" + level + "'");
                        }
                        options.failOn = action;
                        break;
                    default:
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        options.paths.add(Path.of(arg));
                }
            }
            if (options.paths.isEmpty()) {
                throw new IllegalArgumentException("no PATH given");
            }
            return options;
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size() || args.get(index).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }
    }
}
