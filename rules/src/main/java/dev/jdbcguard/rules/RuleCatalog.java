package dev.jdbcguard.rules;

import static dev.jdbcguard.rules.Scope.CONNECTION;
import static dev.jdbcguard.rules.Scope.RUNTIME;
import static dev.jdbcguard.rules.Scope.STATEMENT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every rule the guard knows, by id. Ids are stable public names: they appear in rule files, warnings, exception
 * messages, logger names ({@code jdbcguard.<id>}) and metrics. A prefix ({@code ddl}, {@code query}, ...) names every
 * rule under it.
 *
 * <p>The catalog is immutable; lookups are hash-map reads.
 */
public final class RuleCatalog {

    public static final String TLS_REQUIRED = "tls.required";
    public static final String TLS_VERSION = "tls.version";
    public static final String CONN_CAP = "conn.cap";
    public static final String CONN_LEAK = "conn.leak";
    public static final String CONN_CHURN = "conn.churn";
    public static final String CONN_LIFETIME = "conn.lifetime";
    public static final String CONN_CREDENTIALS_IN_URL = "conn.credentials-in-url";
    public static final String CONN_SERVER_HEADROOM = "conn.server-headroom";
    public static final String DDL_DROP_DATABASE = "ddl.drop-database";
    public static final String DDL_DROP_TABLE = "ddl.drop-table";
    public static final String DDL_TRUNCATE = "ddl.truncate";
    public static final String DDL_DROP_COLUMN = "ddl.drop-column";
    public static final String DDL_RENAME_TABLE = "ddl.rename-table";
    public static final String DDL_RENAME_COLUMN = "ddl.rename-column";
    public static final String DDL_MODIFY_COLUMN = "ddl.modify-column";
    public static final String DDL_DROP_INDEX = "ddl.drop-index";
    public static final String DDL_ADD_UNIQUE_INDEX = "ddl.add-unique-index";
    public static final String DDL_ADD_CHECK = "ddl.add-check";
    public static final String DDL_RECREATE_TABLE = "ddl.recreate-table";
    public static final String DDL_ADD_INDEX = "ddl.add-index";
    public static final String DDL_ADD_COLUMN = "ddl.add-column";
    public static final String DDL_ADD_FOREIGN_KEY = "ddl.add-foreign-key";
    public static final String DDL_CREATE_TABLE = "ddl.create-table";
    public static final String DDL_OTHER = "ddl.other";
    // Schema-aware rules (issue 16): judged against the schema model that lint's replay (or the driver) keeps.
    public static final String DDL_NO_PRIMARY_KEY = "ddl.no-primary-key";
    public static final String DDL_NOT_NULL_WITHOUT_DEFAULT = "ddl.not-null-without-default";
    public static final String DDL_LOSSY_TYPE_CHANGE = "ddl.lossy-type-change";
    public static final String DDL_ENUM_CHANGE = "ddl.enum-change";
    public static final String DDL_CHARSET_CHANGE = "ddl.charset-change";
    public static final String DDL_DUPLICATE_INDEX = "ddl.duplicate-index";
    public static final String DML_NO_WHERE = "dml.no-where";
    // Static query shapes (issue 16).
    public static final String DML_INSERT_WITHOUT_COLUMNS = "dml.insert-without-columns";
    public static final String DML_LIMIT_WITHOUT_ORDER = "dml.limit-without-order";
    public static final String QUERY_LEADING_WILDCARD = "query.leading-wildcard";
    public static final String QUERY_FUNCTION_ON_COLUMN = "query.function-on-column";
    public static final String QUERY_ORDER_BY_RAND = "query.order-by-rand";
    public static final String QUERY_ALWAYS_TRUE_WHERE = "query.always-true-where";
    public static final String QUERY_UNINDEXED = "query.unindexed";
    public static final String QUERY_BAD_INDEX = "query.bad-index";
    public static final String QUERY_SLOW = "query.slow";
    public static final String QUERY_SELECT_STAR = "query.select-star";
    public static final String QUERY_N_PLUS_ONE = "query.n-plus-one";
    public static final String QUERY_LARGE_RESULT = "query.large-result";
    public static final String QUERY_UNPARSEABLE = "query.unparseable";
    public static final String QUERY_DYNAMIC_SQL = "query.dynamic-sql";
    public static final String TX_LONG = "tx.long";
    public static final String PLANETSCALE_DIRECT_DDL = "planetscale.direct-ddl";
    public static final String PLANETSCALE_CREATE_DATABASE = "planetscale.create-database";
    public static final String PLANETSCALE_STORED_ROUTINE = "planetscale.stored-routine";
    public static final String PLANETSCALE_FOREIGN_KEY = "planetscale.foreign-key";
    public static final String PLANETSCALE_LOAD_DATA = "planetscale.load-data";
    public static final String PLANETSCALE_INTO_OUTFILE = "planetscale.into-outfile";
    public static final String PLANETSCALE_LOCK_TABLES = "planetscale.lock-tables";
    public static final String PLANETSCALE_UNSUPPORTED_SYNTAX = "planetscale.unsupported-syntax";

    private static final String MIGRATION_FIX = "Ship schema changes as a reviewed migration (Flyway/Liquibase on a connection"
            + " using the `migration` profile, gh-ost/pt-online-schema-change, or a PlanetScale deploy request),"
            + " not from application code.";

    private static final List<Rule> RULES = List.of(
            new Rule(TLS_REQUIRED, CONNECTION,
                    "A connection whose TLS setting (`sslMode`) is weaker than the rule's `mode`, or a session the server reports as unencrypted.",
                    "Without TLS, credentials and data cross the network in clear text; without certificate and host-name checks a man in the middle can impersonate the database.",
                    "Set `sslMode=VERIFY_IDENTITY` (or the rule's `mode`) on the URL and give the driver the CA it needs; enable TLS on the server. Set `upgrade: true` to let the guard strengthen the setting itself.",
                    List.of(
                            Param.choice("mode", "verify-identity", List.of("required", "verify-ca", "verify-identity"),
                                    "Weakest acceptable `sslMode`: `required` (encrypted), `verify-ca` (and the certificate is trusted), `verify-identity` (and it names the host)."),
                            Param.flag("upgrade", false, "Strengthen a weaker `sslMode` to `mode` instead of refusing the connection."),
                            Param.flag("allow-loopback", false, "Exempt 127.0.0.1/::1/localhost targets (local tunnels such as `pscale connect`); the exemption is logged once.")),
                    false),
            new Rule(TLS_VERSION, CONNECTION,
                    "An encrypted session whose negotiated protocol is older than `min`.",
                    "TLS 1.0 and 1.1 are deprecated (RFC 8996) and have known weaknesses; PlanetScale's vtgate accepts TLSv1.2 and later.",
                    "Upgrade the JVM or server so they negotiate TLSv1.2+, or set `tlsVersions=TLSv1.2,TLSv1.3` on the URL.",
                    List.of(Param.choice("min", "TLSv1.2", List.of("TLSv1.2", "TLSv1.3"), "Oldest acceptable protocol version.")),
                    false),
            new Rule(CONN_CAP, CONNECTION,
                    "More than `max` connections open at once through the guard to one target (host, port, user, database), or more than `max-total` in the JVM.",
                    "Every server has a connection limit (`max_connections`, PlanetScale's per-size pools); an application that opens connections without bound exhausts it and takes down every other client.",
                    "Use a connection pool sized below the cap (HikariCP `maximumPoolSize`), close connections in `finally`/try-with-resources, or raise `max` if the server is sized for it.",
                    List.of(
                            Param.count("max", "20", "1", "1_000_000", "Connections open at once per target."),
                            Param.duration("wait", "5s", "0s", "1h", "How long a caller at the cap waits for a connection to close before it is refused."),
                            Param.count("max-total", "0", "0", "1_000_000", "Connections open at once in the whole JVM, over all targets; 0 means no JVM-wide cap.")),
                    false),
            new Rule(CONN_LEAK, CONNECTION,
                    "A connection held open longer than `threshold` (reported once, with the stack trace that opened it).",
                    "A connection that is never closed holds a server slot and, in a pool, a permit forever; leaks end in exhausted pools and timeouts under load.",
                    "Close the connection where it was opened (try-with-resources); if holding it this long is intended, raise `threshold`.",
                    List.of(Param.duration("threshold", "2m", "1ms", "365d", "How long a connection may be held before it is reported.")),
                    false),
            new Rule(CONN_CHURN, CONNECTION,
                    "Connections opened faster than `max-opens` per `window` to one target.",
                    "Opening a connection costs a TCP and TLS handshake and authentication (milliseconds, and CPU on the server); opening one per request is the signature of not pooling.",
                    "Use a connection pool (HikariCP) and borrow from it instead of calling `DriverManager.getConnection` per request.",
                    List.of(
                            Param.count("max-opens", "20", "1", "1_000_000", "Connections opened within one window before the rule fires."),
                            Param.duration("window", "1s", "1ms", "1d", "The sliding window the opens are counted in.")),
                    false),
            new Rule(CONN_LIFETIME, CONNECTION,
                    "A connection kept open longer than `threshold`.",
                    "Servers and proxies end old connections (`wait_timeout`; PlanetScale may terminate connections older than 24 h); the next statement on such a connection fails.",
                    "Let the pool recycle connections sooner (HikariCP `maxLifetime`, e.g. 30 min) and validate them on borrow.",
                    List.of(Param.duration("threshold", "24h", "1ms", "365d", "Age after which a still-open connection is reported.")),
                    false),
            new Rule(CONN_CREDENTIALS_IN_URL, CONNECTION,
                    "A password in the JDBC URL.",
                    "URLs are logged, shown in dashboards and committed to repositories; a password in one leaks with them.",
                    "Pass the password through `Properties` or the pool's `password` setting, read from a secret store or the environment.",
                    List.of(),
                    false),
            new Rule(CONN_SERVER_HEADROOM, CONNECTION,
                    "The server has `percent` % or more of its `max_connections` in use (`Threads_connected`), read at most once per `interval` per target on the guard's own connection.",
                    "The server's limit is shared by every instance of every application: a fleet whose pools are each within `conn.cap` can still exhaust it together, and then every new login fails. Only the server sees all instances at once.",
                    "Shrink the pools (instances x pool size below `max_connections`, with room for a rolling deploy), find who holds idle connections (`information_schema.PROCESSLIST`), or raise `max_connections` if the server has the memory. `java -jar jdbc-guard.jar check URL` shows the numbers.",
                    List.of(
                            Param.count("percent", "80", "1", "100", "Share of `max_connections` in use, in percent, at which the rule fires."),
                            Param.duration("interval", "30s", "0s", "1d", "Least time between two reads of the server's numbers for one target.")),
                    false),
            ddl(DDL_DROP_DATABASE, "`DROP DATABASE` / `DROP SCHEMA`.",
                    "Deletes every table of a schema at once; there is no undo short of a backup restore.",
                    "Never from application code. Drop schemas by hand after a backup; if a script really must, mark that one statement `/* guard:allow ddl.drop-database */`.",
                    true),
            ddl(DDL_DROP_TABLE, "`DROP TABLE` (not `DROP TEMPORARY TABLE`, and not `DROP TABLE IF EXISTS x` directly followed by"
                    + " `CREATE TABLE x`, which is `ddl.recreate-table`).",
                    "Deletes the table and its data; code still reading it fails at once.",
                    "Stop all reads and writes in one release, then drop in a later migration (expand/contract); keep a backup.",
                    true),
            ddl(DDL_TRUNCATE, "`TRUNCATE TABLE`, or `ALTER TABLE ... DROP/TRUNCATE PARTITION`.",
                    "Deletes every row (of the table or partition) without a WHERE, commits implicitly, and cannot be rolled back.",
                    "Delete in bounded batches (`DELETE ... WHERE ... LIMIT`) or drop and recreate the table in a migration.",
                    true),
            ddl(DDL_DROP_COLUMN, "`ALTER TABLE ... DROP [COLUMN]`.",
                    "Deletes the column's data, rebuilds the table (before MySQL 8.0.29), and breaks every running query that still names it.",
                    "Expand/contract: stop reading and writing the column (and remove it from ORM mappings) in one release, drop it in a later migration.",
                    true),
            ddl(DDL_RENAME_TABLE, "`RENAME TABLE` or `ALTER TABLE ... RENAME [TO]`.",
                    "Every running query that names the old table fails the moment the rename commits.",
                    "Create the new table, write to both, backfill, switch reads, then drop the old one across releases; or add a view under the old name.",
                    true),
            ddl(DDL_RENAME_COLUMN, "`ALTER TABLE ... RENAME COLUMN` or `CHANGE [COLUMN] old new`.",
                    "Every running query that names the old column fails the moment the rename commits.",
                    "Add the new column, write to both, backfill, switch reads, then drop the old column in a later migration.",
                    true),
            ddl(DDL_MODIFY_COLUMN, "`ALTER TABLE ... MODIFY [COLUMN]` (type, size, nullability or default change).",
                    "A type change copies the whole table while blocking writes (ALGORITHM=COPY); narrowing a type or adding NOT NULL can truncate data or fail half-way.",
                    "Run it as an online schema change (gh-ost, pt-online-schema-change, PlanetScale deploy request) from a migration; check the data fits first.",
                    true),
            ddl(DDL_DROP_INDEX, "`DROP INDEX` or `ALTER TABLE ... DROP INDEX/KEY` (not an ALTER that adds an index of the same name"
                    + " back: that rebuilds it and is `ddl.add-index`).",
                    "Queries that used the index turn into full scans at once; on a large table that can saturate the server.",
                    "Check the index is unused (`sys.schema_unused_indexes`, or make it INVISIBLE first), then drop it in a migration.",
                    true),
            ddl(DDL_ADD_UNIQUE_INDEX, "`CREATE UNIQUE INDEX` or `ALTER TABLE ... ADD UNIQUE`.",
                    "Fails half-way on existing duplicates (or silently deletes them with ALTER IGNORE), and then rejects writes the application may still make.",
                    "Find and resolve duplicates first, then add the index in a migration.",
                    false),
            ddl(DDL_ADD_CHECK, "`ALTER TABLE ... ADD [CONSTRAINT c] CHECK (...)` or `ALTER CHECK c ENFORCED` (not `NOT ENFORCED`,"
                    + " and not a CHECK in `CREATE TABLE`, whose table has no rows yet).",
                    "Like a unique index, a row-validating change: the server checks every existing row (copying the table to do it),"
                            + " fails half-way on the first that violates the condition, and then rejects writes the running code may"
                            + " still make.",
                    "Find the violating rows first (`SELECT ... WHERE NOT (condition)`), fix them and the code that writes them,"
                            + " then add the constraint in a migration; or add it `NOT ENFORCED` and enforce it later.",
                    false),
            ddl(DDL_RECREATE_TABLE, "`DROP TABLE IF EXISTS x` directly followed by `CREATE TABLE x` (the next statement of the"
                    + " file or of the same multi-statement string): an install script or dump that replaces the table.",
                    "The table is replaced by an empty one: harmless where the script builds a fresh schema, a loss of every row"
                            + " where it runs against live data. Reported apart from `ddl.drop-table` so that the idiom does not"
                            + " drown the drops that matter.",
                    "Keep install scripts out of the migration history; in a migration, change the table with ALTER instead,"
                            + " or copy the rows you need before recreating it.",
                    // Not counted as destructive: the script defines the table it drops, so migration leaves it off.
                    false),
            ddl(DDL_ADD_INDEX, "`CREATE INDEX` or `ALTER TABLE ... ADD INDEX/KEY`.",
                    "Online on InnoDB but reads the whole table, and still needs an exclusive metadata lock at the end: a long transaction stalls it and every query queued behind it.",
                    MIGRATION_FIX,
                    false),
            ddl(DDL_ADD_COLUMN, "`ALTER TABLE ... ADD [COLUMN]`.",
                    "Usually instant since MySQL 8.0.12, but still needs an exclusive metadata lock; a NOT NULL column without a default can fail or rebuild the table.",
                    MIGRATION_FIX,
                    false),
            ddl(DDL_ADD_FOREIGN_KEY, "`ALTER TABLE ... ADD FOREIGN KEY` (or `CONSTRAINT ... FOREIGN KEY`).",
                    "Validates every existing row under a lock, couples the two tables' writes, and is not supported by online schema change tools (gh-ost) or by sharded Vitess.",
                    "Enforce the relationship in the application or add the constraint in a reviewed migration.",
                    false),
            ddl(DDL_CREATE_TABLE, "`CREATE TABLE` (not `CREATE TEMPORARY TABLE`, which lasts for the session only).",
                    "A schema change outside the migration history: environments drift apart and the next migration may fail.",
                    MIGRATION_FIX,
                    false),
            ddl(DDL_OTHER, "Any other DDL: `CREATE/DROP VIEW`, triggers, events, procedures, `CREATE DATABASE`, engine/charset/partitioning changes, other `ALTER TABLE` operations.",
                    "A schema change outside the migration history; engine, charset and partitioning changes rebuild the whole table.",
                    MIGRATION_FIX,
                    false),
            // Schema-aware rules (issue 16).
            ddl(DDL_NO_PRIMARY_KEY, "A `CREATE TABLE` without a primary key or a unique key over NOT NULL columns, or an `ALTER TABLE` that drops the last one. A key on a column prefix (`email(32)`) or a TEXT/BLOB column does not count: it does not tell whole values apart.",
                    "InnoDB then clusters rows on a hidden row id that replication and online schema change tools cannot use: gh-ost and pt-online-schema-change refuse the table, row-based replicas scan it per changed row, and PlanetScale deploy requests fail (`NO_UNIQUE_KEY`, or `PARTIAL_KEY_IN_UNIQUE_KEY` / `BLOB_IN_UNIQUE_KEY` for such a primary key).",
                    "Give the table a primary key (an `id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY`, or the natural key's columns).",
                    false),
            ddl(DDL_NOT_NULL_WITHOUT_DEFAULT, "`ALTER TABLE ... ADD COLUMN c ... NOT NULL` without a `DEFAULT` (and not AUTO_INCREMENT or generated), or a `MODIFY`/`CHANGE` that makes a nullable column NOT NULL.",
                    "Existing rows get the type's implicit default (0, '', or an invalid zero date that strict mode refuses), so the ALTER fills in values nobody chose or fails half-way; NULL -> NOT NULL fails on the first existing NULL and rebuilds the table.",
                    "Add the column with an explicit `DEFAULT` (or nullable, backfill, then make it NOT NULL); before NULL -> NOT NULL, backfill the NULLs in batches.",
                    false),
            ddl(DDL_LOSSY_TYPE_CHANGE, "A `MODIFY`/`CHANGE` whose new type cannot hold every value of the old one: a narrower integer, decimal or string, signed -> unsigned, a smaller scale or fractional-second precision, TEXT -> VARCHAR, DATETIME -> DATE/TIMESTAMP, or a narrower character set (also `CONVERT TO CHARACTER SET`). Needs the old type: judged against the schema model.",
                    "Values that do not fit are cut, rounded or clipped (or the ALTER fails half-way under strict mode, after copying part of the table): data is lost without an error on the rows that merely change.",
                    "Check the data fits first (`SELECT MAX(LENGTH(c))`, `MIN(c)`, ...); widen instead, or add a new column, backfill it with checked values and switch over.",
                    true),
            ddl(DDL_ENUM_CHANGE, "An ENUM or SET column whose values are removed, reordered or inserted before existing ones (appending at the end stays quiet). Judged against the schema model.",
                    "ENUMs are stored as the index of the value: a removed value turns rows into '' or fails, a reorder changes ORDER BY and comparisons, and anything but an append rebuilds the table with writes blocked.",
                    "Only append new values at the end of the list; to remove one, first update the rows that hold it.",
                    true),
            ddl(DDL_CHARSET_CHANGE, "A change of character set: `CONVERT TO CHARACTER SET`, the table's default `CHARACTER SET`, or a column's charset in `MODIFY`/`CHANGE` (a narrowing is `ddl.lossy-type-change`).",
                    "Converting rebuilds the table with writes blocked (ALGORITHM=COPY), changes how values compare and sort (unique keys may suddenly collide), and grows index key lengths; PlanetScale accepts only some character sets (`INVALID_CHARSET`).",
                    "Convert in a reviewed online schema change (gh-ost, PlanetScale deploy request) after checking unique keys under the new collation; keep every table on utf8mb4.",
                    false),
            ddl(DDL_DUPLICATE_INDEX, "An index whose columns duplicate another index of the table, or are a leftmost prefix of another (redundant), in `CREATE TABLE`, `CREATE INDEX` or `ALTER TABLE ... ADD INDEX`.",
                    "Every index is written on every insert and update and takes memory in the buffer pool; a redundant one costs that and serves no query the other does not.",
                    "Drop the redundant index (keep the longer one, or the unique one); check `sys.schema_redundant_indexes` on the live server.",
                    false),
            tableRule(DML_NO_WHERE, STATEMENT,
                    "`UPDATE` or `DELETE` without a `WHERE` clause. A `LIMIT` does not excuse it: it still touches arbitrary rows.",
                    "Changes every row of the table; a forgotten WHERE is one of the most common causes of data loss.",
                    "Add the WHERE clause you meant. To really change every row, say so on that statement with `/* guard:allow dml.no-where */` (not `WHERE 1=1`, which hides the intent from reviewers and trips `query.always-true-where`).",
                    List.of()),
            // Static query shapes (issue 16).
            tableRule(DML_INSERT_WITHOUT_COLUMNS, STATEMENT,
                    "`INSERT` or `REPLACE` with `VALUES` or a query but no column list.",
                    "The values are matched to the columns by position: once a migration adds, drops or reorders a column, the statement fails or, worse, writes values into the wrong columns.",
                    "Name the columns: `INSERT INTO t (a, b) VALUES (?, ?)`.",
                    List.of()),
            tableRule(DML_LIMIT_WITHOUT_ORDER, STATEMENT,
                    "`UPDATE` or `DELETE` with a `LIMIT` but no `ORDER BY`.",
                    "Which rows change is up to the server's plan: a replica may change other rows than the primary (MySQL flags it unsafe for statement-based replication), and Vitess refuses it on sharded keyspaces.",
                    "Add an `ORDER BY` on a unique key (`ORDER BY id LIMIT 1000`), or select the keys first and change `WHERE id IN (...)`.",
                    List.of()),
            tableRule(QUERY_LEADING_WILDCARD, STATEMENT,
                    "`LIKE` with a literal pattern that starts with a wildcard (`'%x'`, `'_x'`, `CONCAT('%', ?)`). A bound pattern (`LIKE ?`) is not judged.",
                    "No B-tree index can serve a pattern that does not fix its first characters: every such query reads the whole table or index.",
                    "Anchor the pattern (`'x%'`), use a FULLTEXT index (`MATCH ... AGAINST`), or store a reversed or normalised column to search.",
                    List.of()),
            tableRule(QUERY_FUNCTION_ON_COLUMN, STATEMENT,
                    "A function or arithmetic applied to a column in a comparison of the statement's WHERE: `DATE(created_at) = ?`, `LOWER(email) = ?`, `price * 2 > ?`.",
                    "The server cannot use an index on the column for the wrapped value, so the condition is checked row by row over a full scan.",
                    "Move the function to the value side (`created_at >= ? AND created_at < ? + INTERVAL 1 DAY`), compare the bare column, or index the expression (a functional index on MySQL 8.0.13+, a generated column elsewhere).",
                    List.of()),
            tableRule(QUERY_ORDER_BY_RAND, STATEMENT,
                    "`ORDER BY RAND()`.",
                    "Gives every row a random number and sorts them all, usually in a temporary table on disk, to return a few: the cost grows with the table, not with the result.",
                    "Pick random keys in the application (`WHERE id >= ? ORDER BY id LIMIT 1` with a random id), or keep a sample table.",
                    List.of()),
            tableRule(QUERY_ALWAYS_TRUE_WHERE, STATEMENT,
                    "A statement-level `WHERE` that is always true: `1=1`, `TRUE`, a non-zero number, `'a'='a'`, `c = c`, or one of those OR-ed with anything. `WHERE 1=1 AND ...` (a query builder's idiom) is not always true and stays quiet.",
                    "An UPDATE or DELETE with it changes every row while looking bounded, and it defeats `dml.no-where`; in a SELECT it reads the whole table.",
                    "Write the condition you mean; to change every row on purpose, drop the WHERE and mark the statement `/* guard:allow dml.no-where */`.",
                    List.of()),
            tableRule(QUERY_UNINDEXED, RUNTIME,
                    "A query that reads a table without an index (full table scan): the server's `no index used` flag, or EXPLAIN access type `ALL`/`index`.",
                    "A full scan costs time proportional to the table: fine at 1,000 rows, an outage at 10 million. PlanetScale Insights flags the same queries.",
                    "Add an index on the columns in the WHERE/JOIN/ORDER BY (the warning suggests one), or exempt deliberate scans of small tables with `ignore-tables`/`min-rows`. `block` makes sense in test suites: fail the build on any full scan.",
                    List.of(
                            Param.choice("detect", "auto", List.of("flags", "explain", "auto"),
                                    "`flags`: the server's status flags, no extra round trip (MySQL flags full table scans only, MariaDB full index scans too; proxies may not forward them). `explain`: EXPLAIN each new fingerprint once on the guard's own connection (works through vtgate, names the table and rows). `auto`: both."),
                            Param.count("min-rows", "1_000", "0", "1_000_000_000_000", "Plans estimated to examine fewer rows than this are exempt. Under `auto` this exempts the server's flags too: a flag the cached plan does not show (it was explained with other values) is judged by a second EXPLAIN with the flagged execution's values, once per shape per minute. Under `flags` there is no plan, so only `ignore-tables` exempts."))),
            tableRule(QUERY_BAD_INDEX, RUNTIME,
                    "A query the server executed with no good index (`no good index used`: \"range checked for each record\").",
                    "The server re-plans each row of the join; cost grows with the product of the tables.",
                    "Add an index matching the join condition, or rewrite the join so one exists.",
                    List.of(Param.choice("detect", "auto", List.of("flags", "explain", "auto"), "As for `query.unindexed`."))),
            new Rule(QUERY_SLOW, RUNTIME,
                    "A statement that runs longer than `threshold`.",
                    "Slow statements hold locks and connections; under load they queue and time out the requests behind them.",
                    "EXPLAIN it, add the missing index, fetch less, or move it off the request path.",
                    List.of(Param.duration("threshold", "1s", "1ms", "365d", "Statement duration, from execute to the last result row read.")),
                    false),
            tableRule(QUERY_SELECT_STAR, STATEMENT,
                    "`SELECT *`.",
                    "Fetches columns the code does not use (more I/O and network), defeats covering indexes, and changes meaning when columns are added.",
                    "Name the columns you use.",
                    List.of()),
            new Rule(QUERY_N_PLUS_ONE, RUNTIME,
                    "The same statement fingerprint executed more than `max-repeats` times within one transaction, or within `window` on one connection outside a transaction, between two returns of the connection to its pool.",
                    "One round trip per row (the ORM N+1 pattern) multiplies latency by the row count and loads the server with tiny queries.",
                    "Fetch the rows in one query (`JOIN`, `IN (...)`, ORM fetch join / batch size); for a loop of writes, one batch (`addBatch`/`executeBatch`).",
                    List.of(
                            Param.count("max-repeats", "10", "1", "1_000_000", "Executions of one fingerprint tolerated within a transaction or window."),
                            Param.duration("window", "1s", "0s", "1d", "Window on one connection in auto-commit mode. It starts again when a pool takes the connection back (pools call `clearWarnings()` then: HikariCP, DBCP, Druid), so requests that share a pooled connection are not counted as one loop.")),
                    false),
            new Rule(QUERY_LARGE_RESULT, RUNTIME,
                    "A result set from which more than `max-rows` rows are read.",
                    "Large results exhaust heap and network; PlanetScale refuses queries returning more than 100,000 rows.",
                    "Paginate (keyset: `WHERE id > ? ORDER BY id LIMIT n`), aggregate in SQL, or stream in bounded batches.",
                    List.of(Param.count("max-rows", "10_000", "1", "1_000_000_000_000", "Rows read from one result set before the rule fires.")),
                    false),
            new Rule(QUERY_UNPARSEABLE, STATEMENT,
                    "SQL text the guard cannot read: an unterminated quote or comment, or a statement it cannot classify.",
                    "A statement the guard cannot read cannot be vouched for: it could hide any of the statements the other rules stop.",
                    "Fix the SQL; if it is valid MySQL the guard misreads, report it and allow it meanwhile with `/* guard:allow query.unparseable */`.",
                    List.of(),
                    false),
            new Rule(QUERY_DYNAMIC_SQL, STATEMENT,
                    "`PREPARE ... FROM` or MariaDB's `EXECUTE IMMEDIATE` of SQL text the statement does not spell out: a user variable (`FROM @q`), `CONCAT(...)` or any other expression. A text written as a string literal (`PREPARE s FROM 'DELETE FROM t'`) is judged as the statement it holds, by the other rules; `CALL` of a procedure is not dynamic SQL.",
                    "The server runs whatever the variable holds when `EXECUTE` comes, so every other rule is blind to it: `SET @q = CONCAT('DROP TABLE ', 't'); PREPARE s FROM @q; EXECUTE s` drops a table that no `ddl.*` rule saw.",
                    "Send the statement itself through JDBC (a `PreparedStatement` with `?` for the values); for a reviewed migration that needs conditional DDL, run it on a connection with the `migration` profile, which only warns.",
                    List.of(),
                    false),
            new Rule(TX_LONG, RUNTIME,
                    "A transaction open longer than `threshold`: reported at its next statement or its end, and, while its thread is away (no statement running), within a second of crossing the threshold, naming where that thread is.",
                    "Long transactions hold row locks and block purge and schema changes (every DDL waits for them, and every query queues behind that DDL); PlanetScale kills transactions after 20 s.",
                    "Keep transactions short: no remote calls or user think-time inside them; commit in batches.",
                    List.of(Param.duration("threshold", "30s", "1ms", "365d", "Time from the transaction's first statement to commit or rollback.")),
                    false),
            ps(PLANETSCALE_DIRECT_DDL, "Any DDL (including `TRUNCATE`) sent directly to a database with PlanetScale safe migrations on.",
                    "PlanetScale refuses it: `ERROR 1105 (HY000): direct DDL is disabled`.",
                    "Make schema changes on a development branch and ship them with a deploy request. Turn this rule on for branches with safe migrations."),
            ps(PLANETSCALE_CREATE_DATABASE, "`CREATE DATABASE` / `DROP DATABASE`.",
                    "Vitess does not create or drop keyspaces through SQL; the statement fails.",
                    "Create databases and branches with the PlanetScale console, CLI (`pscale database create`) or API."),
            ps(PLANETSCALE_STORED_ROUTINE, "`CREATE/ALTER PROCEDURE/FUNCTION/TRIGGER/EVENT`, or `CALL` of a procedure.",
                    "PlanetScale does not support stored routines, triggers or events; the statement fails.",
                    "Move the logic into the application (or a scheduled job for events)."),
            ps(PLANETSCALE_FOREIGN_KEY, "A foreign key constraint in `CREATE TABLE` or `ALTER TABLE`.",
                    "Foreign keys are opt-in on PlanetScale and unsupported on sharded keyspaces; online schema changes with them are restricted.",
                    "Enforce the relationship in the application, or enable foreign key support for the (unsharded) database."),
            ps(PLANETSCALE_LOAD_DATA, "`LOAD DATA [LOCAL] INFILE`.",
                    "Not supported by Vitess; the statement fails.",
                    "Insert in batches of multi-row `INSERT` statements (at most 100,000 rows each), or use PlanetScale's import tool."),
            ps(PLANETSCALE_INTO_OUTFILE, "`SELECT ... INTO OUTFILE/DUMPFILE`.",
                    "Writes to the database server's file system, which PlanetScale does not expose; the statement fails.",
                    "Read the rows through the driver and write the file in the application, or use `pscale database dump`."),
            ps(PLANETSCALE_LOCK_TABLES, "`LOCK TABLES` / `UNLOCK TABLES`.",
                    "Vitess only emulates table locks with named locks; they do not block other connections the way MySQL's do.",
                    "Use transactions with `SELECT ... FOR UPDATE`, or `GET_LOCK()` for application-level mutual exclusion."),
            ps(PLANETSCALE_UNSUPPORTED_SYNTAX, "Syntax Vitess does not run: `JSON_TABLE`, a variable assigned with `:=` inside a statement, `SET GLOBAL`/`SET PERSIST`, `OPTIMIZE TABLE`.",
                    "The statement runs on MySQL and fails on PlanetScale, so the difference shows only after deploying there.",
                    "Rewrite it: read JSON with `JSON_EXTRACT`/`->>` or in the application instead of `JSON_TABLE`; number rows with `ROW_NUMBER()` instead of `@n := @n + 1`; change server settings in the PlanetScale console; leave storage to PlanetScale instead of `OPTIMIZE TABLE`."));

    private static final Map<String, Rule> BY_ID;
    private static final List<String> PREFIXES;

    static {
        Map<String, Rule> byId = new LinkedHashMap<>();
        TreeSet<String> prefixes = new TreeSet<>();
        for (Rule rule : RULES) {
            if (byId.put(rule.id(), rule) != null) {
                throw new IllegalStateException("duplicate rule id " + rule.id());
            }
            for (int dot = rule.id().indexOf('.'); dot > 0; dot = rule.id().indexOf('.', dot + 1)) {
                prefixes.add(rule.id().substring(0, dot));
            }
        }
        BY_ID = Collections.unmodifiableMap(byId);
        PREFIXES = List.copyOf(prefixes);
    }

    private RuleCatalog() {
    }

    /** Every rule, in reference order. */
    public static List<Rule> rules() {
        return RULES;
    }

    /** The rule with this exact id, or {@code null}. */
    public static Rule rule(String id) {
        return BY_ID.get(id);
    }

    /** The rule with this exact id. @throws IllegalArgumentException for an unknown id, naming the nearest one */
    public static Rule require(String id) {
        Rule rule = BY_ID.get(id);
        if (rule == null) {
            throw new IllegalArgumentException(unknownIdMessage(id));
        }
        return rule;
    }

    /** Whether {@code key} is a rule id or a prefix of one ({@code ddl}, {@code planetscale}). */
    public static boolean isIdOrPrefix(String key) {
        return BY_ID.containsKey(key) || PREFIXES.contains(key);
    }

    /** The rules a rule id or prefix names, in catalog order; empty when it names none. */
    public static List<Rule> rulesUnder(String idOrPrefix) {
        List<Rule> under = new ArrayList<>();
        for (Rule rule : RULES) {
            if (rule.isUnder(idOrPrefix)) {
                under.add(rule);
            }
        }
        return under;
    }

    /** "unknown rule id 'x'; did you mean 'y'?" (the suggestion only when one is close). */
    public static String unknownIdMessage(String key) {
        List<String> candidates = new ArrayList<>(BY_ID.keySet());
        candidates.addAll(PREFIXES);
        return "unknown rule id '" + key + "'" + Suggestions.didYouMean(key, candidates);
    }

    private static Rule ddl(String id, String what, String why, String fix, boolean destructive) {
        return new Rule(id, STATEMENT, what, why, fix, List.of(Param.ignoreTables()), destructive);
    }

    private static Rule tableRule(String id, Scope scope, String what, String why, String fix, List<Param> params) {
        List<Param> withTables = new ArrayList<>(params);
        withTables.add(Param.ignoreTables());
        return new Rule(id, scope, what, why, fix, withTables, false);
    }

    private static Rule ps(String id, String what, String why, String fix) {
        return new Rule(id, STATEMENT, what, why, fix, List.of(), false);
    }
}
