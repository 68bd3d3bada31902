package dev.jdbcguard.junit;

import dev.jdbcguard.Finding;
import dev.jdbcguard.FindingListener;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.StatementEvent;
import dev.jdbcguard.StatementEvent.Kind;
import dev.jdbcguard.StatementListener;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the guard saw while one test (or one {@link GuardAssertions} block) ran: its findings, grouped by rule,
 * action and fingerprint, and its statements, counted by kind and by fingerprint. Registered with
 * {@link GuardListeners} from {@link #start} to {@link #close}, so it sees every guarded connection of the JVM,
 * including findings the EXPLAIN thread publishes.
 *
 * <p>Which events are the test's: those on its own thread, and those on threads that are no other running test's
 * (a pool's, an executor's, the EXPLAIN thread); with JUnit's parallel execution a statement another test's thread
 * runs belongs to that test only. Memory is bounded: past {@value #MAX_GROUPS} distinct findings or shapes, further
 * ones are only counted.
 *
 * <p>The test's line: for an event on the test's thread, its innermost frame there; for one on another thread, the
 * line where the test first ran that fingerprint, if it did on its own thread.
 */
final class Recording implements FindingListener, StatementListener, AutoCloseable {

    static final int MAX_GROUPS = 1_000;

    /** One rule x action x fingerprint of a test, with how often it happened. */
    static final class Group {
        final Finding first;
        /** Filled later when the finding arrived (from the EXPLAIN thread) before its statement's event. */
        volatile String testLine;
        final LongAdder count = new LongAdder();
        final AtomicReference<Finding> last;

        Group(Finding first, String testLine) {
            this.first = first;
            this.testLine = testLine;
            this.last = new AtomicReference<>(first);
        }

        long count() {
            return count.sum();
        }
    }

    /** One statement shape of a test. */
    static final class Shape {
        final String fingerprint;
        final Kind kind;
        final String testLine;
        final LongAdder statements = new LongAdder();

        Shape(String fingerprint, Kind kind, String testLine) {
            this.fingerprint = fingerprint;
            this.kind = kind;
            this.testLine = testLine;
        }

        long statements() {
            return statements.sum();
        }
    }

    private record GroupKey(String ruleId, Finding.Action action, String fingerprint) {
    }

    private final Thread owner;
    private final TestFrames frames;
    private final Set<Thread> runningTests;
    private final ConcurrentHashMap<GroupKey, Group> groups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Shape> shapes = new ConcurrentHashMap<>();
    private final LongAdder[] byKind = new LongAdder[Kind.values().length];
    private final LongAdder unlistedFindings = new LongAdder();
    private final LongAdder unlistedStatements = new LongAdder();
    private final AtomicLong events = new AtomicLong();
    private GuardListeners.Registration findingRegistration;
    private GuardListeners.Registration statementRegistration;

    private Recording(Thread owner, TestFrames frames, Set<Thread> runningTests) {
        this.owner = owner;
        this.frames = frames;
        this.runningTests = runningTests;
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] = new LongAdder();
        }
    }

    /**
     * Starts recording for the test running on the current thread.
     *
     * @param runningTests the threads of every test running now (this one's included), or an empty set
     */
    static Recording start(TestFrames frames, Set<Thread> runningTests) {
        Recording recording = new Recording(Thread.currentThread(), frames, runningTests);
        recording.statementRegistration = GuardListeners.addStatementListener(recording);
        recording.findingRegistration = GuardListeners.addFindingListener(recording);
        return recording;
    }

    @Override
    public void onStatement(StatementEvent statement) {
        Thread current = Thread.currentThread();
        if (!mine(current)) {
            return;
        }
        events.incrementAndGet();
        int batched = Math.max(1, statement.batched());
        byKind[statement.kind().ordinal()].add(batched);
        Shape shape = shapes.get(statement.fingerprint());
        if (shape == null) {
            if (shapes.size() >= MAX_GROUPS) {
                unlistedStatements.add(batched);
                return;
            }
            String line = current == owner ? frames.onThisThread() : null;
            shape = shapes.computeIfAbsent(statement.fingerprint(), fp -> new Shape(fp, statement.kind(), line));
        }
        shape.statements.add(batched);
    }

    @Override
    public void onFinding(Finding finding) {
        Thread current = Thread.currentThread();
        if (!mine(current)) {
            return;
        }
        events.incrementAndGet();
        GroupKey key = new GroupKey(finding.ruleId(), finding.action(), finding.fingerprint());
        Group group = groups.get(key);
        if (group == null) {
            if (groups.size() >= MAX_GROUPS) {
                unlistedFindings.increment();
                return;
            }
            group = groups.computeIfAbsent(key, k -> new Group(finding, testLine(current, finding)));
        }
        group.count.increment();
        group.last.set(finding);
    }

    private boolean mine(Thread current) {
        return current == owner || !runningTests.contains(current);
    }

    private String testLine(Thread current, Finding finding) {
        String line = current == owner ? frames.onThisThread() : null;
        if (line == null && finding.fingerprint() != null) {
            Shape shape = shapes.get(finding.fingerprint());
            line = shape == null ? null : shape.testLine;
        }
        return line;
    }

    /** Stops receiving events. Idempotent. */
    @Override
    public void close() {
        if (findingRegistration != null) {
            findingRegistration.close();
            statementRegistration.close();
        }
    }

    /** Whether nothing at all went through the guard for this test. */
    boolean sawNothing() {
        return events.get() == 0;
    }

    /** Finding groups, most frequent first. */
    List<Group> groups() {
        for (Group group : groups.values()) {
            if (group.testLine == null && group.first.fingerprint() != null) {
                Shape shape = shapes.get(group.first.fingerprint());
                group.testLine = shape == null ? null : shape.testLine;
            }
        }
        return groups.values().stream().sorted(Comparator.comparingLong(Group::count).reversed()
                .thenComparing(g -> g.first.ruleId())).toList();
    }

    /** Findings beyond {@value #MAX_GROUPS} groups, counted only. */
    long unlistedFindings() {
        return unlistedFindings.sum();
    }

    /** Statement shapes, most statements first. */
    List<Shape> shapes() {
        return shapes.values().stream().sorted(Comparator.comparingLong(Shape::statements).reversed()
                .thenComparing(s -> s.fingerprint)).toList();
    }

    /** Statements of shapes beyond {@value #MAX_GROUPS}, counted only. */
    long unlistedStatements() {
        return unlistedStatements.sum();
    }

    Budget.Counts counts() {
        return new Budget.Counts() {
            @Override
            public long of(Kind kind) {
                return byKind[kind.ordinal()].sum();
            }

            @Override
            public long total() {
                long total = 0;
                for (LongAdder kind : byKind) {
                    total += kind.sum();
                }
                return total;
            }
        };
    }
}
