package dev.jdbcguard.benchmarks.coldstart;

import dev.jdbcguard.benchmarks.e2e.LoopbackServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cold start: the time from a fresh JVM's launch to its first completed query ({@link FirstQuery}), raw Connector/J
 * against the guard ({@code jdbc:guard:mysql:}, production profile) in front of the same Connector/J, on one
 * {@link LoopbackServer}. Runs are paired and alternate (raw then guard, then guard then raw, ...), so that a change
 * of the machine's load hits both; the result is each target's median and the median of the paired differences,
 * with their quartiles.
 *
 * <p>Each JVM gets its own class path: raw runs see Connector/J and SLF4J (API and the simple binding, which a
 * guarded application needs anyway) only; guarded runs also the guard's shaded jar, as a user deploys it. The
 * benchmarks jar itself is on neither: its stub driver and its unshaded guard copy would change what
 * {@code DriverManager} loads. The jars come from {@code benchmarks/target/cold-start/} (the build copies them there).
 * The timer starts before {@link ProcessBuilder#start()} and stops when the child prints {@link FirstQuery#DONE}; JVM
 * start-up is in both targets' times alike. Each child also reports its CPU time up to that point (all its threads),
 * which waiting for a CPU on a busy machine does not inflate.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.jdbcguard.benchmarks.coldstart.ColdStart [pairs] [jvm
 * options for the children...]}: 10 pairs by default; options such as {@code -Xlog:class+load:file=...} or
 * {@code -XX:StartFlightRecording=...} go to every child (profiling).
 */
public final class ColdStart {

    static final Path JARS = Paths.get("benchmarks/target/cold-start");

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> jvmOptions = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
        Path work = Files.createTempDirectory("cold-start");
        Path childClasses = extractChild(work);
        List<Path> jars;
        try (Stream<Path> listed = Files.list(JARS)) {
            jars = listed.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        String rawClassPath = classPath(childClasses, jars.stream().filter(p -> !isGuard(p)).toList());
        String guardClassPath = classPath(childClasses, jars);
        if (rawClassPath.equals(guardClassPath)) {
            throw new IllegalStateException("no jdbc-guard jar in " + JARS.toAbsolutePath() + ": build the benchmarks first");
        }
        LoopbackServer server = new LoopbackServer();
        server.start();
        try {
            Launch raw = new Launch("raw", rawClassPath, server.mysqlUrl(), write(work, "raw", server.login()),
                    jvmOptions);
            Properties guarded = server.login();
            guarded.setProperty("guard.profile", "production");
            Launch guard = new Launch("guard", guardClassPath, server.guardUrl(), write(work, "guard", guarded),
                    jvmOptions);
            raw.run(); // one of each first, not counted: the page cache holds both class paths from here on
            guard.run();
            long[][] wall = new long[3][pairs]; // raw, guard, guard - raw
            long[][] cpu = new long[3][pairs];
            for (int i = 0; i < pairs; i++) {
                Run rawRun;
                Run guardRun;
                if (i % 2 == 0) {
                    rawRun = raw.run();
                    guardRun = guard.run();
                } else {
                    guardRun = guard.run();
                    rawRun = raw.run();
                }
                wall[0][i] = rawRun.wallNanos();
                wall[1][i] = guardRun.wallNanos();
                wall[2][i] = guardRun.wallNanos() - rawRun.wallNanos();
                cpu[0][i] = rawRun.cpuNanos();
                cpu[1][i] = guardRun.cpuNanos();
                cpu[2][i] = guardRun.cpuNanos() - rawRun.cpuNanos();
                System.out.printf(Locale.ROOT, "pair %2d: raw %7.1f ms (cpu %7.1f), guard %7.1f ms (cpu %7.1f), guard - raw"
                                + " %+7.1f ms (cpu %+7.1f)%n", i, millis(wall[0][i]), millis(cpu[0][i]), millis(wall[1][i]),
                        millis(cpu[1][i]), millis(wall[2][i]), millis(cpu[2][i]));
            }
            String[] rows = {"raw:        ", "guard:      ", "guard - raw:"};
            for (int row = 0; row < 3; row++) {
                System.out.printf(Locale.ROOT, "%s wall median %s; JVM cpu median %s%n", rows[row], quartiles(wall[row]),
                        quartiles(cpu[row]));
            }
            System.out.printf(Locale.ROOT, "(%d pairs; guard - raw paired)%n", pairs);
        } finally {
            server.stop();
        }
    }

    private static boolean isGuard(Path jar) {
        return jar.getFileName().toString().startsWith("jdbc-guard");
    }

    /** Writes {@link FirstQuery}'s class file into its own directory: the children's only class besides the jars. */
    private static Path extractChild(Path work) throws IOException {
        String name = FirstQuery.class.getName().replace('.', '/') + ".class";
        Path target = work.resolve("classes").resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = ColdStart.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return work.resolve("classes");
    }

    private static String classPath(Path classes, List<Path> jars) {
        return Stream.concat(Stream.of(classes), jars.stream()).map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static Path write(Path work, String name, Properties properties) throws IOException {
        Path file = work.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, null);
        }
        return file;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** "median ms (quartiles a to b)" of {@code values}. */
    private static String quartiles(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f ms (quartiles %.1f to %.1f)", millis(percentile(sorted, 0.5)),
                millis(percentile(sorted, 0.25)), millis(percentile(sorted, 0.75)));
    }

    private static long percentile(long[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return Math.round(sorted[below] + (sorted[above] - sorted[below]) * (position - below));
    }

    /** One child JVM's time to its first query: wall clock from the launch, and its own CPU time (every thread). */
    private record Run(long wallNanos, long cpuNanos) {
    }

    /** One target's child JVM command. */
    private record Launch(String name, String classPath, String url, Path properties, List<String> jvmOptions) {

        /** Starts a child: the nanoseconds until it printed {@link FirstQuery#DONE}, and its CPU time to then. */
        Run run() throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classPath, FirstQuery.class.getName(), url, properties.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            long start = System.nanoTime();
            Process child = builder.start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals(FirstQuery.DONE)) {
                        long elapsed = System.nanoTime() - start;
                        String cpu = out.readLine();
                        child.waitFor(30, TimeUnit.SECONDS);
                        if (cpu == null || !cpu.startsWith(FirstQuery.CPU)) {
                            throw new IllegalStateException(name + " run printed no CPU time after its first query");
                        }
                        return new Run(elapsed, Long.parseLong(cpu.substring(FirstQuery.CPU.length())));
                    }
                }
            }
            throw new IllegalStateException(name + " run ended without its first query, exit " + child.waitFor());
        }
    }
}
