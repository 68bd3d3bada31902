package dev.jdbcguard.maven;

import dev.jdbcguard.rules.lint.Lint;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code jdbc-guard:lint}: judges the project's SQL migrations as {@code lint} on the command line does (the same
 * entry point, {@link Lint#run}), and fails the build when a finding reaches {@code failOn}. Bound to
 * {@code verify}, so {@code mvn verify} gates a migration before it is deployed.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends AbstractMojo {

    /** Where Flyway and Spring Boot look for migrations by default. */
    static final String DEFAULT_PATH = "src/main/resources/db/migration";

    /** A built-in profile: production (the default), planetscale, development, migration. */
    @Parameter(property = "jdbcGuard.profile")
    private String profile;

    /** A rule file; its {@code extends} wins over {@code profile}. */
    @Parameter(property = "jdbcGuard.rules")
    private File rules;

    /** Fail the build on a finding at least this severe: {@code block} (default) or {@code warn}. */
    @Parameter(property = "jdbcGuard.failOn", defaultValue = "block")
    private String failOn;

    /**
     * The SQL files, or directories searched recursively for {@code *.sql} in the order a migration tool runs them.
     * Default: {@code src/main/resources/db/migration} of the project.
     */
    @Parameter
    private List<File> paths;

    /** {@code text} (default), {@code json}, {@code sarif}, {@code github} or {@code html}. */
    @Parameter(property = "jdbcGuard.format", defaultValue = "text")
    private String format;

    /** Where the report goes (a SARIF file for code scanning, say); default: the build log. */
    @Parameter(property = "jdbcGuard.output")
    private File output;

    /**
     * {@code observe}: blocks are reported as would-block and fail the build only with {@code failOn=warn}; default
     * {@code JDBC_GUARD_MODE}, else the rule file's {@code mode:}, else {@code enforce}.
     */
    @Parameter(property = "jdbcGuard.mode")
    private String mode;

    /** The target server, for how each ALTER runs: {@code mysql-8.0.40}, {@code mariadb-10.11}; default the latest MySQL 8.0. */
    @Parameter(property = "jdbcGuard.server")
    private String server;

    /** A baseline written by {@code lint --write-baseline}: the findings it knows are not reported again. */
    @Parameter(property = "jdbcGuard.baseline")
    private File baseline;

    /** Skips the goal. */
    @Parameter(property = "jdbcGuard.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jdbc-guard lint skipped");
            return;
        }
        List<String> args = arguments();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status;
        try (PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
            status = output == null ? toLog(args, err) : toFile(args, err);
        }
        String errorText = errors.toString(StandardCharsets.UTF_8).strip();
        if (status == Lint.BAD_INPUT) {
            throw new MojoExecutionException("jdbc-guard lint: " + errorText);
        }
        if (!errorText.isEmpty()) {
            errorText.lines().forEach(getLog()::warn);
        }
        if (status == Lint.FAILED) {
            throw new MojoFailureException("jdbc-guard lint: a finding reached failOn=" + failOn
                    + (output == null ? " (the findings are above)" : " (the findings are in " + output + ")"));
        }
    }

    /** The command line of {@code lint} these parameters stand for. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        option(args, "--profile", profile);
        option(args, "--rules", rules == null ? null : rules.getPath());
        option(args, "--format", format);
        option(args, "--fail-on", failOn);
        option(args, "--mode", mode);
        option(args, "--server", server);
        option(args, "--baseline", baseline == null ? null : baseline.getPath());
        List<File> given = paths == null || paths.isEmpty() ? List.of(new File(DEFAULT_PATH)) : paths;
        for (File path : given) {
            args.add(named(path.isAbsolute() ? path : new File(basedir, path.getPath())));
        }
        return args;
    }

    /**
     * {@code file} relative to the directory Maven runs in when it lies below it, as {@code lint} on the command line
     * names files: the report and a baseline then name a migration by its path in the checkout, so a baseline
     * written on one machine (or by the command line) matches on another, and SARIF viewers find the file.
     */
    static String named(File file) {
        Path absolute = file.toPath().toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return (absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute).toString();
    }

    private static void option(List<String> args, String name, String value) {
        if (value != null && !value.isBlank()) {
            args.add(name);
            args.add(value);
        }
    }

    /** Runs lint with its report in the build log, one line each. */
    private int toLog(List<String> args, PrintStream err) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
            status = Lint.run(args, out, err, System.getenv());
        }
        report.toString(StandardCharsets.UTF_8).lines().forEach(getLog()::info);
        return status;
    }

    /** Runs lint with its report written to {@link #output}, whose directory is made when missing. */
    private int toFile(List<String> args, PrintStream err) throws MojoExecutionException {
        try {
            File directory = output.getAbsoluteFile().getParentFile();
            if (directory != null) {
                Files.createDirectories(directory.toPath());
            }
            int status;
            try (OutputStream file = Files.newOutputStream(output.toPath());
                 PrintStream out = new PrintStream(file, true, StandardCharsets.UTF_8)) {
                status = Lint.run(args, out, err, System.getenv());
            }
            if (status != Lint.BAD_INPUT) {
                getLog().info("jdbc-guard lint: report written to " + output);
            }
            return status;
        } catch (IOException e) {
            throw new MojoExecutionException("jdbc-guard lint: cannot write " + output + ": " + e, e);
        }
    }
}
