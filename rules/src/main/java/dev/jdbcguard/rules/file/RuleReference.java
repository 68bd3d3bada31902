package dev.jdbcguard.rules.file;

import dev.jdbcguard.rules.Param;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Generates the rule reference ({@code rules/README.md}) from the {@link RuleCatalog} and the built-in profiles,
 * so the documentation cannot drift from what the guard does: a test compares the committed file with
 * {@link #markdown()}.
 */
final class RuleReference {

    private static final String FORMAT = """
            ## Choosing the rules

            Each of the two settings is chosen on its own, first match wins:

            | what | driver setting (URL or `Properties`) | environment variable | default |
            | --- | --- | --- | --- |
            | built-in profile | `guard.profile` | `JDBC_GUARD_PROFILE` | `production` |
            | rule file | `guard.rules` (a path) | `JDBC_GUARD_RULES` | none |
            | mode | `guard.mode` | `JDBC_GUARD_MODE` | the rule file's `mode:`, else `enforce` |

            A rule file's own `extends` wins over the selected profile; the selected profile is what a file without
            `extends` builds on. An unknown profile or a bad file stops the connection (or `lint`) with a precise
            error: nothing starts on bad rules.

            ## Rule files

            ```yaml
            extends: planetscale          # a built-in profile (optional: else the selected one)
            description: rules for the orders service   # optional, free text
            inline-allows: false          # optional: ignore /* guard:allow ... */ comments in SQL text
            mode: observe                 # optional: report blocks as WOULD_BLOCK and let the statements run
            rules:
              ddl: warn                   # a prefix: every ddl.* rule
              ddl.drop-table: block       # the most specific id wins over its prefix
              query.slow:                 # a map: parameters, with or without an action
                threshold: 500ms
              query.unindexed:
                action: block             # e.g. in a test suite: fail on any full scan
                ignore-tables: [flyway_schema_history, app.settings]
            tables:                       # per-table actions, for any rule
              audit_log:
                dml.no-where: off         # the nightly purge empties it on purpose
            allow:                        # accepted findings: not reported, counted as allowed
              - rule: dml.no-where        # a rule id or prefix
                fingerprint: delete from sessions   # one statement shape, as the log line shows it
                reason: the session sweeper empties it every night
              - rule: query
                table: countries          # or one table
                reason: a 250-row lookup table
            ```

            - **Actions:** `off` (not checked), `warn` (log one line, add an `SQLWarning`, let it run), `block`
              (refuse it before anything reaches the server; the exception message starts `[jdbc-guard] <rule-id>:`).
            - **Prefixes:** a key may be a rule id or a prefix of one (`tls`, `conn`, `ddl`, `dml`, `query`, `tx`,
              `planetscale`). Within a file, the most specific key that sets an action wins; a rule the file does not
              mention keeps what it inherits. A prefix in a file therefore overrides everything it inherits under that
              prefix. Parameters resolve the same way, one parameter at a time; a parameter under a prefix applies to
              each rule under it that has that parameter.
            - **Parameter values:** durations `500ms`, `30s`, `2m`, `1h`, `1d`; whole numbers `20`, `100000` or
              `100_000`; `true`/`false`; choices as listed per rule; table lists `[a, schema.b]`. Values are parsed once,
              when the file is loaded. Every number and duration has a range, given with its parameter below (e.g.
              `conn.cap` `max` from 1 to 1_000_000, durations at most 365d); a value outside it is refused with the
              file, line and column, at the first load and at a reload alike, so no value can overflow the code that
              uses it.
            - **Tables:** `ignore-tables` turns a rule off for those tables; a `tables:` entry sets any action for one
              table and wins over `ignore-tables`. Names are compared case-insensitively without backquotes; an entry
              `audit_log` matches `audit_log` in any schema, `app.audit_log` only that one. A statement naming several
              tables gets the most severe of their actions.
            - **`max-action`:** caps the actions the file inherits (not the file's own entries). `development` is
              `production` with `max-action: warn`.
            - **Per statement:** a comment `/* guard:allow query.unindexed */` (one or more ids or prefixes, separated
              by spaces or commas) exempts the statement it belongs to from those rules. A comment belongs to the
              statement whose first word it precedes (after the previous statement's `;`) or that it sits inside; one
              after the last statement's `;` belongs to that last statement. In `DELETE FROM a; /* guard:allow
              dml.no-where */ DELETE FROM b` it covers `DELETE FROM b` only, never a neighbour. Only real comments
              count: the same words in a string literal (also the literal text of a `PREPARE ... FROM '...'`), a quoted
              identifier or an executable comment (`/*! */`) are not a hint. `lint` scopes them the same way.
            - **`inline-allows: false`:** `guard:allow` comments are then ignored, and only the rule file itself
              (actions, `ignore-tables`, `tables:`) decides. Anyone who can put text into a SQL string can write such a
              comment, an injected `/* guard:allow dml.no-where */` included, so turn them off where SQL text may carry
              user input. All four built-in profiles honour them (`true`): they are the documented way for reviewed code
              and migrations to mark the one statement that does something on purpose, and turning them off by default
              would refuse every such statement. A file inherits the setting of what it extends.
            - **`mode: observe`:** observe before enforce. Every finding whose action is `block` is logged, published
              and counted as a block that would have happened (line label and listener action `WOULD_BLOCK`, metric
              action `would_block`, the `SQLWarning` says `Observe mode: this would have been blocked; it ran.`) and
              the statement, or the connection, goes on; warnings stay warnings. Roll a stricter profile out in
              observe mode, read the `WOULD_BLOCK` lines and counts, fix or allow what they show, then enforce. The
              mode is chosen like the profile, first match wins: `guard.mode` (URL or `Properties`), then the
              environment variable `JDBC_GUARD_MODE`, then the rule file's `mode:` (a file inherits it from a file it
              extends), else `enforce`. `lint --mode observe` reports the same way and exits as if nothing was
              blocked.
            - **`allow:`:** a list of accepted findings, so a team can accept a known one without a comment in the
              SQL. Each entry names a `rule` (an id or a prefix) and either a `fingerprint` (the statement with its
              literals as `?`, as the log line shows it; written as SQL it is fingerprinted on load, so `DELETE FROM
              sessions` and `delete from sessions` are the same entry) or a `table` (compared as in `tables:`; `x`
              also matches `app.x`), and a `reason`, which is required. An allowed finding is not logged, published
              or refused; it is counted (metric action `allowed`, JMX `AllowedFindings`). Entries are validated with
              file, line and column like the rest of the file; a file's entries add to those of a file it extends.
              `lint` honours them the same way.
            - **Errors** name the file, line and column and what was expected, e.g.
              `rules.yaml:7:3: unknown rule id 'ddl.drop-tabel'; did you mean 'ddl.drop-table'?`. Unknown keys,
              unknown parameters, bad actions, durations, numbers, choices, duplicate keys and unknown profiles are all
              refused.
            - **Hot reload:** the driver looks at the rule file's modification time and size every few seconds (one
              `stat`, on a daemon thread, never on a statement's path) and swaps in the new rules atomically. A bad new
              version is logged (`jdbcguard.rules`) with its precise error and the last good rules stay in force. A
              changed file is read twice, 50 ms apart, and applied only when both reads agree and the file did not move
              meanwhile (a file still being written is read again at the next look); a file that is empty at a reload
              (nothing but blanks and comments) is an error, never the bare profile.

            ## How statements are judged

            The statement rules (`ddl.*`, `dml.no-where`, `query.select-star`, `query.unparseable`, `query.dynamic-sql`
            and the `planetscale.*` statement rules) read the SQL text before it is sent. Each statement of a
            multi-statement string is judged on its own, and one finding names the statement's first table that decided
            its action. Server-side dynamic SQL is judged by what it runs: the string literal of `PREPARE s FROM '...'`
            or `EXECUTE IMMEDIATE '...'` (quotes, escapes and `/*! */` read as the server reads them) is judged as the
            statement it holds, so `PREPARE s FROM 'DROP TABLE t'` trips `ddl.drop-table`; text the guard cannot read
            (`FROM @q`, `CONCAT(...)`) trips `query.dynamic-sql`. `EXECUTE s` and `CALL` are judged as before.
            An `ALTER TABLE` trips one rule per kind of operation (`DROP COLUMN` and `ADD INDEX` in one statement trip
            `ddl.drop-column` and `ddl.add-index`); `ALTER TABLE ... DROP/TRUNCATE PARTITION` counts as `ddl.truncate`.
            Every DDL statement also trips `planetscale.direct-ddl` (off unless turned on). The verdict per SQL string is
            cached, so a statement the application runs again costs a cache lookup; warnings are grouped by the
            statement's fingerprint (literals replaced by `?`). What kind of statement a `CREATE`/`ALTER`/`DROP` is comes
            from its head words only (`OR REPLACE`, `TEMPORARY`, `ALGORITHM=...`, `DEFINER=...`, `SQL SECURITY ...`, then
            the object word): `CREATE DEFINER=user@host PROCEDURE` is a routine, not a privilege statement.

            Three choices keep the findings about what a statement really does:

            - **CHECK constraints** (`ADD [CONSTRAINT c] CHECK (...)`, `ALTER CHECK c ENFORCED`) are `ddl.add-check`, a rule
              of their own in the `ddl.add-unique-index` family (the same action in every profile): both validate every
              existing row, fail half-way on the first bad one and then reject writes the running code may still make.
              A rule of its own because the fix differs (find the rows that violate the condition, or add it
              `NOT ENFORCED` first); `NOT ENFORCED` and a CHECK in `CREATE TABLE` (no rows yet) are no such change.
            - **Recreate-in-place**: `DROP TABLE IF EXISTS x` directly followed by `CREATE TABLE x` (the next statement of
              the same multi-statement string, or for `lint` of the same file; comments between them do not count) is
              `ddl.recreate-table`, not `ddl.drop-table`: the idiom of install scripts and dumps, which replace a table
              they define. Its action is lower than a drop's where drops only warn: `migration` leaves it off (there a
              drop warns), `production` blocks it with all DDL; a team whose migrations run such scripts on live data
              can set it to `warn` or `block`. Without `IF EXISTS`, or with another statement between them, the drop
              stays `ddl.drop-table`.
            - **Index rebuilds**: `DROP INDEX i, ADD INDEX i (...)` in one `ALTER TABLE` replaces the index under its
              name, so no query that names it in a hint breaks: it is the `ddl.add-index` it performs, without
              `ddl.drop-index`. A dropped index that is not added back stays `ddl.drop-index`.

            ## lint: gate migrations in CI

            ```
            java -jar driver/target/jdbc-guard-0.1.0-SNAPSHOT.jar lint --profile migration --fail-on warn examples/db/migration
            ```

            judges every `*.sql` file under the paths given (directories recursively, in the order a migration tool runs
            them: Flyway `V<version>__` files by version, then `R__` files, then other files by path) with the statement
            rules and prints one finding per line, then the fix:

            ```
            examples/db/migration/V3__drop_legacy_columns.sql:3:1: warn ddl.drop-column: ALTER TABLE DROP COLUMN on customers [MySQL 8.0: INSTANT, writes allowed; state ALGORITHM=INSTANT]
                fix: Expand/contract: stop reading and writing the column (and remove it from ORM mappings) in one release, drop it in a later migration.
            ```

            Options: `--profile P`, `--rules FILE` (chosen as above, environment included), `--format text|json|sarif|github`,
            `--fail-on block|warn` (default `block`), `--baseline FILE`, `--write-baseline FILE`. Exit status: `0` when no finding reaches `--fail-on`, `1` when
            one does, `2` on bad input (unknown option, missing path, no `.sql` file found, a file that is not UTF-8, bad rules), with the
            precise error on standard error. `--format json` prints one object: `rules`, `failOn`, `files`, `failed`
            and `findings`, each with `file`, `line`, `column`, `rule`, `action`, `detail`, `table`, `fingerprint`,
            `why` and `fix` (`failed` after `findings`, which are written as they are found). In a file, a
            `guard:allow` comment covers the statement it precedes or sits in.

            Files are read as the mysql client, Flyway and MyBatis' ScriptRunner run them: a `DELIMITER x` line (the
            keyword in any case, first on its line; any delimiter string, e.g. `//`, `$$`, `;;`) makes `x` end
            statements until `DELIMITER ;`; a `;` inside the `BEGIN ... END` body of a procedure, function, trigger or
            event does not end it, with or without a custom delimiter. A routine is judged as one statement (its
            `CREATE`), and the SQL statements inside its body are judged as what they are, each at its own line and
            column (`ALTER TABLE ... DROP COLUMN` in a procedure trips `ddl.drop-column`); they run when the routine is
            called, so they change nothing in the schema replay, the procedural statements around them (`DECLARE`,
            `IF ... THEN`, `WHILE ... DO`, `LEAVE`, `SIGNAL`, ...) are stepped over, and a `guard:allow` that belongs to
            the routine covers its body. `--` starts a comment only before a space, as in MySQL; an unparseable
            statement that has `--x` says so. Reading is one pass in constant memory: a file is read statement by
            statement, findings are written as they are found in every format (SARIF lists the whole catalog's rules
            first; the HTML report keeps its bounded model), and `--baseline` holds only the baseline file
            (`--write-baseline` holds the distinct keys it writes).

            For CI: `--format sarif` prints a SARIF 2.1.0 log (one result per finding, with the rule's what/why/fix as
            rule metadata, the fix in the message, `error` for a block and `warning` for a warning, the statement
            fingerprint as a partial fingerprint) for GitHub code scanning (`github/codeql-action/upload-sarif`) and
            other dashboards; `--format github` prints one workflow command per finding (`::error file=...,line=...::`),
            which GitHub Actions shows as annotations on the pull request. `--write-baseline FILE` records every
            current finding (rule, file and statement fingerprint, one a line, sorted) and passes; `--baseline FILE`
            then leaves those out, so an old migration history can be gated from today on: editing comments or
            whitespace keeps a finding known, a changed statement or a new file is reported.

            ### In a Maven build

            The goal `dev.jdbcguard:jdbc-guard-maven-plugin:lint` runs the same `lint` in the `verify` phase and fails
            the build when a finding reaches `failOn`:

            ```xml
            <plugin>
              <groupId>dev.jdbcguard</groupId>
              <artifactId>jdbc-guard-maven-plugin</artifactId>
              <version>0.1.0-SNAPSHOT</version>
              <executions>
                <execution>
                  <goals><goal>lint</goal></goals>
                  <configuration>
                    <profile>migration</profile>     <!-- or <rules>guard-rules.yaml</rules> -->
                    <failOn>warn</failOn>            <!-- default block -->
                  </configuration>
                </execution>
              </executions>
            </plugin>
            ```

            Parameters (each also a `-DjdbcGuard.<name>=` property, except `paths`): `profile`, `rules`, `failOn`,
            `paths` (default `src/main/resources/db/migration`, where Flyway and Spring Boot look), `format`
            (default `text`, into the build log), `output` (a file for the report, e.g. `target/jdbc-guard.sarif` with
            `format` `sarif`), `server`, `baseline`, `skip`. Files are named relative to the directory Maven runs in,
            as the command line names them, so a baseline written by either matches the other.

            ### Schema replay

            `lint` replays the `CREATE TABLE`, `ALTER TABLE`, `CREATE/DROP INDEX`, `DROP TABLE` and `RENAME TABLE`
            statements of the run into a schema model, so each statement is judged against the tables the statements
            before it declared. That is what the schema-aware rules need: `ddl.lossy-type-change` and `ddl.enum-change`
            compare a column's new type with its declared one, `ddl.not-null-without-default` sees a nullable column made
            NOT NULL, `ddl.duplicate-index` compares a new index with the table's others, `ddl.no-primary-key` sees the
            last key dropped. `ddl.modify-column` then fires only for a change that is neither known lossy nor known
            safe: `MODIFY id BIGINT` on an `INT` column passes, `MODIFY note VARCHAR(10)` on a `VARCHAR(20)` is
            `ddl.lossy-type-change`. Where `ddl.modify-column` blocks (production's `ddl: block` refuses DDL as such)
            it keeps blocking a judged change, and its detail adds what the schema told
            (`judged against the schema: MODIFY id INT -> BIGINT: every value fits`). A table the replay never saw
            created (a baseline from before the first migration) is unknown: `ddl.modify-column` fires as without a
            model and its detail says the change was not judged.

            Every finding on an `ALTER TABLE` ends with how the target server runs it, e.g.
            `[MySQL 8.0: COPY, writes blocked; on a large table use gh-ost, ...]` or
            `[MariaDB 10.11: INSTANT, writes allowed; state ALGORITHM=INSTANT]`. `--server mysql-8.0.40` or
            `--server mariadb-10.11` names the target (default: the latest MySQL 8.0). The answers follow the servers'
            online DDL tables and are checked against MariaDB 10.11 for a table of operations, each run with
            `ALGORITHM=INSTANT`, `ALGORITHM=INPLACE` and `LOCK=NONE`. Where MySQL 8.0 differs from MariaDB 10.11: ADD
            COLUMN is INSTANT only since 8.0.12 (at the end) and 8.0.29 (anywhere), DROP COLUMN since 8.0.29, RENAME
            COLUMN since 8.0.28; extending a VARCHAR is INPLACE (and COPY when its length prefix grows past 255 bytes)
            where MariaDB does it instantly; moving a column, changing the table's default charset and renaming an
            index are INPLACE where MariaDB is INSTANT. A clause the model cannot classify (partitioning, generated
            columns, a column of a table it does not know) gets no note.

            ### At run time: the live schema

            The driver judges a DDL statement with the same schema-aware rules, against the server instead of a
            replay. Before an `ALTER TABLE` or `CREATE INDEX` is sent, the guard reads the table it changes from
            `information_schema` (`TABLES` for the default character set, `COLUMNS` for each column's full type,
            character set, nullability, default, AUTO_INCREMENT and generation, `STATISTICS` for the primary key and
            the indexes) on its own connection to the target, the one its EXPLAINs run on, and on that connection's
            thread; the application's thread waits for the answer up to 2 s. `CREATE TABLE` needs no read. Tables read
            are cached (1,000 per target, each for 10 minutes at most); a DDL statement the guard lets through (`CREATE`,
            `ALTER`, `DROP`, `RENAME TABLE`, `CREATE`/`DROP INDEX`) drops every table it names, so the next statement
            is judged on what the server holds after it. A change made past the guard (another client, another
            process) is seen once the cached table expires. The algorithm note is for the server version the
            connection's metadata reports (`DatabaseMetaData.getDatabaseProductVersion()`, e.g. MariaDB 10.11.19).
            DML never pays for any of this: only a statement classified as one of those DDL kinds does.

            When the table cannot be read (it is not shown to the connection's user: no such table, no privilege on
            it, a name with upper-case letters on a server with case-sensitive table names; a wrapped `DataSource`,
            which gives the guard no connection of its own; the guard's connection failing or busy beyond the wait),
            the statement is judged as `lint` judges a table it never saw created, and the guard logs once per target
            (logger `jdbcguard`) why it could not read the schema. Reading never fails the application's statement.
            """;

    private RuleReference() {
    }

    /** The whole reference, as committed in {@code rules/README.md}. */
    static String markdown() {
        Map<String, RuleSet> profiles = new LinkedHashMap<>();
        for (String name : RuleFiles.PROFILES) {
            profiles.put(name, RuleFiles.profile(name));
        }
        StringBuilder md = new StringBuilder();
        md.append("# jdbc-guard rule reference\n\n")
                .append("<!-- Generated from RuleCatalog and the built-in profiles by RuleReference; do not edit by hand.\n")
                .append("     Regenerate: ./mvnw -B -q -pl rules verify -Dtest=RuleReferenceTest -DupdateReference=true -->\n\n")
                .append("Every rule the guard enforces, by its stable id: the id is the name you see in warnings, exceptions,\n")
                .append("logger names (`jdbcguard.<rule-id>`), metrics and rule files.\n\n")
                .append(FORMAT).append('\n');

        md.append("## Profiles\n\n| profile | what it is for |\n| --- | --- |\n");
        for (String name : RuleFiles.PROFILES) {
            md.append("| `").append(name).append("` | ").append(RuleFiles.profileDescription(name)).append(" |\n");
        }

        md.append("\n## Default actions\n\n| rule | checked | ");
        md.append(String.join(" | ", profiles.keySet())).append(" |\n| --- | --- |");
        md.append(" --- |".repeat(profiles.size())).append('\n');
        for (Rule rule : RuleCatalog.rules()) {
            md.append("| [`").append(rule.id()).append("`](#").append(rule.id().replace(".", "")).append(") | ")
                    .append(scope(rule)).append(" |");
            for (RuleSet set : profiles.values()) {
                md.append(' ').append(set.action(rule.id()).label()).append(" |");
            }
            md.append('\n');
        }

        md.append('\n').append(Parity.markdown());

        md.append("\n## Rules\n");
        for (Rule rule : RuleCatalog.rules()) {
            md.append("\n### ").append(rule.id()).append("\n\n")
                    .append("- **Catches:** ").append(rule.what()).append('\n')
                    .append("- **Why it matters:** ").append(rule.why()).append('\n')
                    .append("- **Fix:** ").append(rule.fix()).append('\n')
                    .append("- **Checked:** ").append(scope(rule)).append('\n')
                    .append("- **Default action:** ");
            StringBuilder actions = new StringBuilder();
            profiles.forEach((name, set) -> actions.append(actions.length() == 0 ? "" : ", ")
                    .append(name).append(" `").append(set.action(rule.id()).label()).append('`'));
            md.append(actions).append('\n');
            if (!rule.params().isEmpty()) {
                md.append("\n| parameter | value | default | description |\n| --- | --- | --- | --- |\n");
                for (Param param : rule.params()) {
                    md.append("| `").append(param.name()).append("` | ").append(param.expected()).append(" | ")
                            .append(defaults(rule, param, profiles)).append(" | ").append(param.description()).append(" |\n");
                }
            }
        }
        return md.toString();
    }

    /** The production value, then each profile whose value differs from it. */
    private static String defaults(Rule rule, Param param, Map<String, RuleSet> profiles) {
        Object production = profiles.get(RuleFiles.DEFAULT_PROFILE).rule(rule.id()).params().get(param.name());
        StringBuilder text = new StringBuilder("`").append(Param.render(production)).append('`');
        profiles.forEach((name, set) -> {
            Object value = set.rule(rule.id()).params().get(param.name());
            if (!Objects.equals(value, production)) {
                text.append(" (").append(name).append(": `").append(Param.render(value)).append("`)");
            }
        });
        return text.toString();
    }

    private static String scope(Rule rule) {
        switch (rule.scope()) {
            case STATEMENT: return "before execution; `lint`";
            case CONNECTION: return "connection";
            default: return "while running";
        }
    }

    /** Prints the reference, for regenerating {@code rules/README.md} by hand. */
    static void main(String[] args) {
        System.out.print(markdown());
    }
}
