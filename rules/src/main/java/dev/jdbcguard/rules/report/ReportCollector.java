package dev.jdbcguard.rules.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects findings and statements into a {@link Report}, from any number of threads, in bounded memory.
 *
 * <p>Bounds: {@value #MAX_FINDING_ROWS} rule x fingerprint rows (further occurrences are counted only),
 * {@value #MAX_CALLERS} callers per row, {@value #MAX_TARGETS} targets, fingerprints cut at
 * {@value #MAX_FINGERPRINT} characters, and a fixed number of tracked statement shapes ({@code capacity}): when a new
 * shape arrives at capacity, the half of the tracked shapes with the least total time is folded into one summed
 * rest, so a shape that keeps coming back after that starts over (its earlier calls stay in the rest; nothing is
 * lost from the totals). The report lists the top {@code topPatterns} shapes by total time and sums the others.
 *
 * <p>Cost: a statement is a map lookup and an update under the shape's own lock; a finding allocates.
 */
public final class ReportCollector {

    public static final int MAX_FINDING_ROWS = 1_000;
    public static final int MAX_CALLERS = 32;
    public static final int MAX_TARGETS = 50;
    public static final int MAX_FINGERPRINT = 4_000;
    public static final int DEFAULT_TOP_PATTERNS = 50;
    /** Callers listed per finding row. */
    static final int LISTED_CALLERS = 5;

    private static final String VERSION = readVersion();
    private static final Map<String, String> FLAGS = Map.of("query.unindexed", "unindexed", "query.bad-index",
            "unindexed", "query.n-plus-one", "n+1", "query.large-result", "large", "query.slow", "slow");
    private static final List<String> SEVERITY = List.of("BLOCK", "WOULD_BLOCK", "WARN");

    private final String source;
    private final String rules;
    private final Instant from;
    private final int topPatterns;
    private final int capacity;

    private final ConcurrentHashMap<RowKey, Row> rows = new ConcurrentHashMap<>();
    private final LongAdder unlistedFindings = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byAction = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byFamily = new ConcurrentHashMap<>();
    private final Set<String> targets = ConcurrentHashMap.newKeySet();
    private final Set<String> moreTargets = ConcurrentHashMap.newKeySet();

    private final ConcurrentHashMap<String, Pattern> patterns = new ConcurrentHashMap<>();
    private final Object foldLock = new Object();
    private final LongAdder statements = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    // guarded by foldLock
    private long restShapes;
    private long restCalls;
    private long restNanos;

    /**
     * @param source      who writes it: {@code driver}, {@code junit} or {@code lint}
     * @param rules       which rules judged, e.g. {@code profile production}
     * @param from        the start of the window the report covers
     * @param topPatterns how many statement shapes the report lists (the rest are summed)
     * @param capacity    how many shapes are tracked at once (at least {@code 2 * topPatterns})
     */
    public ReportCollector(String source, String rules, Instant from, int topPatterns, int capacity) {
        if (topPatterns < 1 || capacity < 2 * topPatterns) {
            throw new IllegalArgumentException("need topPatterns >= 1 and capacity >= 2 * topPatterns, got "
                    + topPatterns + " and " + capacity);
        }
        this.source = source;
        this.rules = rules;
        this.from = from;
        this.topPatterns = topPatterns;
        this.capacity = capacity;
    }

    /** The defaults: the top {@value #DEFAULT_TOP_PATTERNS} shapes of 2,000 tracked. */
    public ReportCollector(String source, String rules, Instant from) {
        this(source, rules, from, DEFAULT_TOP_PATTERNS, 2_000);
    }

    /** The jdbc-guard version the report names. */
    public static String version() {
        return VERSION;
    }

    public void finding(Occurrence occurrence) {
        byAction.computeIfAbsent(occurrence.action(), a -> new LongAdder()).increment();
        int dot = occurrence.ruleId().indexOf('.');
        byFamily.computeIfAbsent(dot < 0 ? occurrence.ruleId() : occurrence.ruleId().substring(0, dot),
                f -> new LongAdder()).increment();
        target(occurrence.target());
        String fingerprint = clip(occurrence.fingerprint());
        RowKey key = new RowKey(occurrence.ruleId(), fingerprint);
        Row row = rows.get(key);
        if (row == null) {
            if (rows.size() >= MAX_FINDING_ROWS) {
                unlistedFindings.increment();
                return;
            }
            row = rows.computeIfAbsent(key, k -> new Row(occurrence.ruleId(), fingerprint, occurrence.at()));
        }
        row.add(occurrence);
    }

    /**
     * One statement execution.
     *
     * @param kind  {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code OTHER}
     * @param rows  rows affected or read, or -1 when unknown
     */
    public void statement(String fingerprint, String kind, String target, long elapsedNanos, long rows,
                          boolean failed) {
        statements.increment();
        totalNanos.add(elapsedNanos);
        target(target);
        String shape = clip(fingerprint);
        while (true) {
            Pattern pattern = patterns.get(shape);
            if (pattern == null) {
                if (patterns.size() >= capacity) {
                    fold();
                }
                pattern = patterns.computeIfAbsent(shape, s -> new Pattern(s, kind));
            }
            if (pattern.record(elapsedNanos, rows, failed)) {
                return;
            }
            // folded into the rest between the lookup and the update: record into its successor
        }
    }

    private void target(String target) {
        if (target == null || targets.contains(target)) {
            return;
        }
        if (targets.size() < MAX_TARGETS) {
            targets.add(target);
        } else if (moreTargets.size() < 10_000) {
            moreTargets.add(target);
        }
    }

    /** Folds the tracked half with the least total time into the rest. */
    private void fold() {
        synchronized (foldLock) {
            if (patterns.size() < capacity) {
                return;
            }
            List<Pattern> tracked = new ArrayList<>(patterns.values());
            tracked.sort(Comparator.comparingLong(Pattern::totalNanos));
            for (Pattern pattern : tracked.subList(0, tracked.size() / 2)) {
                patterns.remove(pattern.fingerprint, pattern);
                synchronized (pattern) {
                    pattern.folded = true;
                    restShapes++;
                    restCalls += pattern.calls;
                    restNanos += pattern.totalNanos;
                }
            }
        }
    }

    /** The report as of {@code now}. */
    public Report snapshot(Instant now) {
        List<Report.FindingRow> findingRows = new ArrayList<>();
        Map<String, Set<String>> flags = new HashMap<>();
        for (Row row : rows.values()) {
            Report.FindingRow snapshot = row.snapshot();
            findingRows.add(snapshot);
            String flag = FLAGS.get(row.ruleId);
            if (flag != null && row.fingerprint != null) {
                flags.computeIfAbsent(row.fingerprint, f -> new TreeSet<>()).add(flag);
            }
        }
        findingRows.sort(Comparator.comparingInt((Report.FindingRow r) -> SEVERITY.indexOf(r.action()))
                .thenComparing(Comparator.comparingLong(Report.FindingRow::occurrences).reversed())
                .thenComparing(Report.FindingRow::ruleId)
                .thenComparing(r -> r.fingerprint() == null ? "" : r.fingerprint()));

        long allNanos = totalNanos.sum();
        List<Pattern.Snapshot> tracked = new ArrayList<>();
        long restShapesNow;
        long restCallsNow;
        long restNanosNow;
        synchronized (foldLock) {
            patterns.values().forEach(p -> tracked.add(p.snapshot()));
            restShapesNow = restShapes;
            restCallsNow = restCalls;
            restNanosNow = restNanos;
        }
        tracked.sort(Comparator.comparingLong(Pattern.Snapshot::totalNanos).reversed()
                .thenComparing(Pattern.Snapshot::fingerprint));
        List<Report.PatternRow> listed = new ArrayList<>();
        for (Pattern.Snapshot p : tracked) {
            if (listed.size() < topPatterns) {
                listed.add(new Report.PatternRow(p.fingerprint(), p.kind(), p.calls(), p.failed(), p.totalNanos(),
                        p.p95Nanos(), p.maxNanos(), p.rows(), share(p.totalNanos(), allNanos),
                        List.copyOf(flags.getOrDefault(p.fingerprint(), Set.of()))));
            } else {
                restShapesNow++;
                restCallsNow += p.calls();
                restNanosNow += p.totalNanos();
            }
        }
        Report.Header header = new Report.Header(source, VERSION, rules, from, now,
                targets.stream().sorted().toList(), moreTargets.size(), sums(byAction), sums(byFamily),
                statements.sum(), allNanos);
        return new Report(header, findingRows, unlistedFindings.sum(), listed,
                new Report.Rest(restShapesNow, restCallsNow, restNanosNow, share(restNanosNow, allNanos)));
    }

    private static double share(long part, long all) {
        return all == 0 ? 0 : (double) part / all;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }

    private static String clip(String fingerprint) {
        return fingerprint == null || fingerprint.length() <= MAX_FINGERPRINT ? fingerprint
                : fingerprint.substring(0, MAX_FINGERPRINT) + "…";
    }

    /** How to accept a finding: the statement's comment, or a rule-file entry. */
    static String allowSnippet(String ruleId, String fingerprint, List<String> tables) {
        if (fingerprint == null) {
            return "rule file: rules: {" + ruleId + ": off}";
        }
        String comment = "/* guard:allow " + ruleId + " */";
        return tables.isEmpty() ? comment
                : comment + " in the statement, or rule file: tables: {" + tables.get(0) + ": {" + ruleId + ": off}}";
    }

    private static String readVersion() {
        try (InputStream in = ReportCollector.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record RowKey(String ruleId, String fingerprint) {
    }

    /** One rule x fingerprint while it is being collected. */
    private static final class Row {
        final String ruleId;
        final String fingerprint;
        final Instant firstSeen;
        private final Set<String> tables = new LinkedHashSet<>();
        private final Map<String, long[]> callers = new LinkedHashMap<>();
        private long unlistedCallers;
        private long occurrences;
        private Instant lastSeen;
        private String action = "WARN";
        private String evidence = "";
        private String fix = "";

        Row(String ruleId, String fingerprint, Instant firstSeen) {
            this.ruleId = ruleId;
            this.fingerprint = fingerprint;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

        synchronized void add(Occurrence occurrence) {
            occurrences++;
            if (SEVERITY.indexOf(occurrence.action()) < SEVERITY.indexOf(action)) {
                action = occurrence.action();
            }
            if (!occurrence.at().isBefore(lastSeen)) {
                lastSeen = occurrence.at();
                evidence = occurrence.evidence();
                fix = occurrence.fix();
            }
            for (String table : occurrence.tables()) {
                if (tables.size() < 10) {
                    tables.add(table);
                }
            }
            String caller = occurrence.caller() == null ? "(unknown)" : occurrence.caller();
            long[] count = callers.get(caller);
            if (count != null) {
                count[0]++;
            } else if (callers.size() < MAX_CALLERS) {
                callers.put(caller, new long[] {1});
            } else {
                unlistedCallers++;
            }
        }

        synchronized Report.FindingRow snapshot() {
            List<Report.Caller> top = new ArrayList<>();
            callers.forEach((frame, count) -> top.add(new Report.Caller(frame, count[0])));
            top.sort(Comparator.comparingLong(Report.Caller::count).reversed().thenComparing(Report.Caller::frame));
            List<Report.Caller> listed = new ArrayList<>(top.subList(0, Math.min(LISTED_CALLERS, top.size())));
            long others = unlistedCallers + top.subList(listed.size(), top.size()).stream()
                    .mapToLong(Report.Caller::count).sum();
            if (others > 0) {
                listed.add(new Report.Caller("(other places)", others));
            }
            List<String> tableList = List.copyOf(tables);
            return new Report.FindingRow(action, ruleId, tableList, fingerprint, occurrences, firstSeen, lastSeen,
                    listed, evidence, fix, allowSnippet(ruleId, fingerprint, tableList));
        }
    }

    /** One statement shape while it is being collected; its lock guards its numbers. */
    private static final class Pattern {
        final String fingerprint;
        final String kind;
        private final LatencyHistogram latencies = new LatencyHistogram();
        private long calls;
        private long failed;
        private long totalNanos;
        private long maxNanos;
        private long rows = -1;
        /** Set once it was folded into the rest: later statements of its shape go to a new pattern. */
        private boolean folded;

        record Snapshot(String fingerprint, String kind, long calls, long failed, long totalNanos, long p95Nanos,
                        long maxNanos, long rows) {
        }

        Pattern(String fingerprint, String kind) {
            this.fingerprint = fingerprint;
            this.kind = kind;
        }

        /** False when this pattern was folded away and the statement must go to its successor. */
        synchronized boolean record(long nanos, long rowCount, boolean failure) {
            if (folded) {
                return false;
            }
            calls++;
            failed += failure ? 1 : 0;
            totalNanos += nanos;
            maxNanos = Math.max(maxNanos, nanos);
            latencies.record(nanos);
            if (rowCount >= 0) {
                rows = Math.max(rows, 0) + rowCount;
            }
            return true;
        }

        synchronized long totalNanos() {
            return totalNanos;
        }

        synchronized Snapshot snapshot() {
            return new Snapshot(fingerprint, kind, calls, failed, totalNanos, latencies.percentile(0.95), maxNanos,
                    rows);
        }
    }
}
