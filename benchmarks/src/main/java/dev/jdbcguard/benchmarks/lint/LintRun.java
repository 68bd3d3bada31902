package dev.jdbcguard.benchmarks.lint;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.jdbcguard.rules.lint.Lint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * lint's throughput and memory on a generated migration file, in a fresh JVM per run (see benchmarks/README.md,
 * "Lint"):
 *
 * <pre>
 * java -cp ... dev.jdbcguard.benchmarks.lint.LintRun generate 100000 /tmp/lint-100k.sql
 * java -Xmx256m -cp ... dev.jdbcguard.benchmarks.lint.LintRun lint /tmp/lint-100k.sql [lint options...]
 * java -cp ... dev.jdbcguard.benchmarks.lint.LintRun semicolons 100000 /tmp/lint-semicolons.sql
 * </pre>
 *
 * {@code lint} prints statements, wall and CPU time of the whole {@code Lint.run} (the findings go to a sink that
 * counts bytes; CPU of the lint thread and of the process, GC and JIT included), statements per CPU second, and the most heap in use right after a collection (the live set's peak,
 * which a heap limit has to hold) next to the peak of used heap with garbage.
 */
public final class LintRun {

    private LintRun() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "generate" -> generate(Integer.parseInt(args[1]), Path.of(args[2]));
            case "semicolons" -> semicolons(Integer.parseInt(args[1]), Path.of(args[2]));
            case "lint" -> lint(Path.of(args[1]), List.of(args).subList(2, args.length));
            default -> throw new IllegalArgumentException("generate N FILE | semicolons N FILE | lint FILE [options]");
        }
    }

    /**
     * A migration-like file of {@code statements} statements over 200 tables (one per 500 statements beyond 100,000):
     * the tables' CREATEs, then a mix of
     * seed INSERTs (60 %), UPDATEs and DELETEs with WHERE, SELECTs, ALTERs that add a column or an index, comments,
     * and every 500th a DELIMITER-wrapped procedure.
     */
    static void generate(int statements, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            // one table per 500 statements (at least 200), so each table's history is as long in every file size
            int tables = Math.max(200, statements / 500);
            int written = 0;
            for (int t = 0; t < tables && written < statements; t++, written++) {
                out.write("CREATE TABLE t" + t + " (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, qty INT, note TEXT);\n");
            }
            for (int i = 0; written < statements; i++, written++) {
                int t = i % tables;
                int kind = i % 20;
                if (i % 500 == 499) {
                    out.write("DELIMITER //\nCREATE PROCEDURE p" + i + "(IN n INT)\nBEGIN\n  DECLARE k INT DEFAULT 0;\n"
                            + "  WHILE k < n DO\n    UPDATE t" + t + " SET qty = qty + 1 WHERE id = k;\n    SET k = k + 1;\n"
                            + "  END WHILE;\nEND //\nDELIMITER ;\n");
                } else if (kind < 12) {
                    out.write("INSERT INTO t" + t + " (id, name, qty, note) VALUES (" + i + ", 'name " + i + "; the ''seed''', "
                            + (i % 97) + ", NULL);\n");
                } else if (kind < 15) {
                    out.write("UPDATE t" + t + " SET qty = qty + 1 WHERE id = " + i + ";\n");
                } else if (kind < 16) {
                    out.write("DELETE FROM t" + t + " WHERE id = " + i + ";\n");
                } else if (kind < 18) {
                    out.write("-- check " + i + "\nSELECT id, name FROM t" + t + " WHERE qty > " + (i % 50) + ";\n");
                } else if (kind < 19) {
                    out.write("ALTER TABLE t" + t + " ADD COLUMN c" + i + " INT NULL;\n");
                } else {
                    // on the column the ALTER just before added (to the table before this one): no duplicate indexes
                    out.write("/* index " + i + " */ CREATE INDEX i" + i + " ON t" + ((i - 1) % tables) + " (c" + (i - 1) + ");\n");
                }
            }
        }
    }

    /** One INSERT of about 1 MB whose string literal holds {@code semicolons} semicolons, and a statement after it. */
    static void semicolons(int semicolons, Path file) throws IOException {
        StringBuilder literal = new StringBuilder(semicolons * 10);
        for (int i = 0; i < semicolons; i++) {
            literal.append("{\"k\":").append(i % 1000).append("};");
        }
        while (literal.length() < 1_000_000) {
            literal.append(' ');
        }
        Files.writeString(file, "INSERT INTO docs (id, body) VALUES (1, '" + literal + "');\nSELECT id FROM docs WHERE id = 1;\n",
                StandardCharsets.UTF_8);
    }

    static void lint(Path file, List<String> options) {
        AtomicLong liveAfterGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    liveAfterGc.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        ManagementFactory.getMemoryPoolMXBeans().forEach(pool -> pool.resetPeakUsage());
        long[] bytes = new long[1];
        PrintStream sink = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        }, false, StandardCharsets.UTF_8);
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processCpu = os.getProcessCpuTime();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        List<String> args = new java.util.ArrayList<>(options);
        args.add(file.toString());
        int status = Lint.run(args, sink, System.err, Map.of());
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        double wallSeconds = (System.nanoTime() - wall) / 1e9;
        double processSeconds = (os.getProcessCpuTime() - processCpu) / 1e9;
        long peakUsed = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long statements = countStatements(file);
        System.out.printf("status %d, %d statements, output %d bytes%n", status, statements, bytes[0]);
        System.out.printf("wall %.2f s, CPU %.2f s (lint thread) %.2f s (process, with GC and JIT), %.0f statements/CPU-s"
                + " (lint thread), %.0f statements/s (wall)%n", wallSeconds, cpuSeconds, processSeconds, statements / cpuSeconds,
                statements / wallSeconds);
        System.out.printf("heap: max live after GC %.1f MB, peak used (with garbage) %.1f MB, -Xmx %.0f MB%n",
                liveAfterGc.get() / 1e6, peakUsed / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }

    /** Statements as the generator wrote them: lines ending in ';' or '//' outside the procedures' bodies. */
    private static long countStatements(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> line.endsWith(";") && !line.startsWith("  ") && !line.startsWith("DELIMITER")
                    || line.endsWith("//")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
