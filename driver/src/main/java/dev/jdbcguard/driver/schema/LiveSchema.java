package dev.jdbcguard.driver.schema;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jdbcguard.driver.plan.ExplainService;
import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.engine.Judgement;
import dev.jdbcguard.rules.engine.SchemaRules;
import dev.jdbcguard.rules.engine.Verdict;
import dev.jdbcguard.rules.schema.DdlReader;
import dev.jdbcguard.rules.schema.Schema;
import dev.jdbcguard.rules.schema.SchemaChange;
import dev.jdbcguard.rules.schema.ServerVersion;
import dev.jdbcguard.rules.schema.Table;
import dev.jdbcguard.rules.sql.StatementInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema-aware DDL rules in the driver, for one target: a DDL statement is judged by {@link SchemaRules} (the
 * rules {@code lint} applies to a migration directory) against the table it alters, read from
 * {@code information_schema} on the guard's own connection of that target (the EXPLAIN service's: no second
 * connection), and the algorithm answer is the one of the server version the application's connection reports.
 *
 * <p><b>When:</b> only for a statement whose judgement is a {@link Judgement#schemaChange() schema change}, on the
 * application's thread before the statement is sent, which waits for the read up to {@value #READ_WAIT_MILLIS} ms
 * (the read runs on the EXPLAIN thread, after what is queued there). Clean DML never comes here.
 *
 * <p><b>Cache:</b> tables read are kept (at most {@value #MAX_TABLES}, each for {@link #KEEP} at most, which bounds
 * how long a change made past the guard goes unseen); a DDL statement that is let through drops every table it
 * names, so the next statement on them is judged on what the server holds after it.
 *
 * <p><b>Fallback:</b> when the table cannot be read (not shown to the guard's user, no connection of the guard's own,
 * the connection failing, no answer in time), the statement is judged as {@code lint} judges a table its migrations
 * never created: by its words, with {@code ddl.modify-column} saying the type change was not judged. The first
 * fallback of a target is logged once. Nothing here fails the application's statement.
 *
 * <p>Thread-safe.
 */
public final class LiveSchema {

    static final long MAX_TABLES = 1_000;
    static final Duration KEEP = Duration.ofMinutes(10);
    static final long READ_WAIT_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger("jdbcguard");

    /** The guard's own connection to the target; null for a wrapped DataSource, which has none. */
    private final ExplainService server;
    /** The redacted target, {@code user@host:port/database}, for the log line. */
    private final String target;
    /** Built at the first table read: a fresh JVM's first Caffeine cache costs ~100 ms a first connect need not pay. */
    private final AtomicReference<Cache<String, Table>> tables = new AtomicReference<>();
    private final AtomicBoolean fallbackLogged = new AtomicBoolean();
    private final LongAdder reads = new LongAdder();

    /**
     * @param server the EXPLAIN service of the target, whose connection and thread read the schema; null when the
     *               guard has no connection of its own
     * @param target the redacted target the log line names
     */
    public LiveSchema(ExplainService server, String target) {
        this.server = server;
        this.target = target;
    }

    /**
     * The verdict on {@code judgement}'s statement under the schema rules, against the live definition of the table
     * it alters (or indexes).
     *
     * @param application the application's connection: its current database qualifies bare table names, its
     *                    metadata names the server version (both read without a round trip by the MySQL and MariaDB
     *                    drivers)
     * @param runs        the statement is about to run (not a prepare): the tables it names leave the cache unless it
     *                    is blocked
     * @return the adjusted verdict; {@code judgement.verdict()} when the statement is none the rules read
     */
    public Verdict judge(Judgement judgement, Connection application, boolean runs) {
        try {
            SchemaChange change = DdlReader.read(judgement.sql());
            if (change == null) {
                return judgement.verdict();
            }
            String database = currentDatabase(application);
            Schema before = Schema.EMPTY;
            String altered = change instanceof SchemaChange.AlterTable alter ? alter.table()
                    : change instanceof SchemaChange.CreateIndex create ? create.table() : null;
            if (altered != null) {
                Table known = table(qualified(judgement, altered, database));
                before = known == null ? before : before.with(known);
            }
            SchemaRules.Result result = SchemaRules.judge(judgement, before, version(application));
            if (runs && result.verdict().worst() != Action.BLOCK) {
                forget(judgement, database);
            }
            return result.verdict();
        } catch (RuntimeException e) {
            fallback("the schema rules failed on the statement (" + e.getClass().getSimpleName() + ")");
            return judgement.verdict();
        }
    }

    /** How many tables were read from the server (cache misses answered), for tests and metrics. */
    long reads() {
        return reads.sum();
    }

    /** The table {@code name} ({@code db.table}) from the cache, or read now; null when it cannot be read. */
    private Table table(String name) {
        if (name == null) {
            fallback("no current database to find the table in");
            return null;
        }
        String key = name.toLowerCase(Locale.ROOT);
        Cache<String, Table> cache = tables.get();
        Table cached = cache == null ? null : cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Table read = read(name);
        if (read != null) {
            tables().put(key, read);
        }
        return read;
    }

    /** Reads {@code db.table} on the guard's connection, waiting for the answer; null (logged once) when there is none. */
    private Table read(String name) {
        if (server == null) {
            fallback("the guard has no connection of its own to a wrapped DataSource");
            return null;
        }
        int dot = name.indexOf('.');
        String database = name.substring(0, dot);
        String table = name.substring(dot + 1);
        CompletableFuture<Table> answer = new CompletableFuture<>();
        boolean queued = server.submit(new ExplainService.ConnectionTask() {
            @Override
            public void run(Connection connection) throws SQLException {
                try {
                    answer.complete(InformationSchema.read(connection, database, table));
                } catch (SQLException | RuntimeException e) {
                    answer.completeExceptionally(e);
                    throw e; // the service closes a failed connection and reopens it later
                }
            }

            @Override
            public void skipped() {
                answer.complete(null);
            }
        });
        if (!queued) {
            fallback("the guard's connection has a full queue or is closed");
            return null;
        }
        try {
            Table read = answer.get(READ_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (read == null) {
                fallback("information_schema does not show table " + name + " to the guard's connection (no such table,"
                        + " no privilege on it, or the connection is failing)");
            } else {
                reads.increment();
            }
            return read;
        } catch (TimeoutException e) {
            fallback("no answer from the guard's connection within " + READ_WAIT_MILLIS + " ms");
        } catch (ExecutionException e) {
            fallback("reading information_schema failed (" + describe(e.getCause()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fallback("interrupted while reading information_schema");
        }
        return null;
    }

    /** Drops every table the statement names: its definition is about to change. */
    private void forget(Judgement judgement, String database) {
        Cache<String, Table> cache = tables.get();
        if (cache == null) {
            return; // no table read yet: nothing to forget
        }
        for (String name : judgement.classification().statements().get(0).tables()) {
            String qualified = name.indexOf('.') >= 0 ? name : database == null ? null : database + "." + name;
            if (qualified != null) {
                cache.invalidate(qualified.toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * {@code db.table} for the table {@code bare} of the statement: the qualifier it was written with (the classifier
     * keeps it), else the connection's current database; null when there is neither.
     */
    private static String qualified(Judgement judgement, String bare, String database) {
        List<StatementInfo> statements = judgement.classification().statements();
        for (String name : statements.isEmpty() ? List.<String>of() : statements.get(0).tables()) {
            int dot = name.lastIndexOf('.');
            if (dot >= 0 && name.substring(dot + 1).equals(bare)) {
                return name;
            }
        }
        return database == null ? null : database + "." + bare;
    }

    private static String currentDatabase(Connection application) {
        try {
            return application == null ? null : application.getCatalog();
        } catch (SQLException e) {
            return null;
        }
    }

    /** The server the application's connection reports; the latest MySQL 8.0 when it tells nothing readable. */
    private static ServerVersion version(Connection application) {
        try {
            ServerVersion version = application == null ? null
                    : ServerVersion.of(application.getMetaData().getDatabaseProductVersion());
            return version == null ? ServerVersion.DEFAULT : version;
        } catch (SQLException e) {
            return ServerVersion.DEFAULT;
        }
    }

    /** SQLState and error code only: a server's message can quote the statement. */
    private static String describe(Throwable failure) {
        return failure instanceof SQLException e ? "SQLState " + e.getSQLState() + ", error " + e.getErrorCode()
                : failure.getClass().getSimpleName();
    }

    private void fallback(String why) {
        if (fallbackLogged.compareAndSet(false, true)) {
            LOG.warn("jdbc-guard could not read the live schema for {}: {}; schema-aware DDL rules judge such statements"
                    + " by their text alone (this is logged once)", target, why);
        }
    }

    private Cache<String, Table> tables() {
        Cache<String, Table> cache = tables.get();
        return cache != null ? cache : tables.updateAndGet(built -> built != null ? built
                : Caffeine.newBuilder().maximumSize(MAX_TABLES).expireAfterWrite(KEEP).executor(Runnable::run).build());
    }
}
