package dev.jdbcguard.rules.file;

/**
 * A rule file (or profile selection) that cannot be used. The message is complete and precise:
 * {@code <source>:<line>:<column>: <problem>}, e.g.
 * {@code rules.yaml:7:3: unknown rule id 'ddl.drop-tabel'; did you mean 'ddl.drop-table'?}.
 * Nothing starts on a rule set that failed to load.
 */
public final class RuleFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param source  the file path, {@code profile <name>}, or the setting that named it ({@code guard.profile})
     * @param line    1-based, or 0 when the problem has no position (a missing file)
     * @param column  1-based, or 0 when the problem has no position
     * @param problem what is wrong and what was expected
     */
    public RuleFileException(String source, int line, int column, String problem, Throwable cause) {
        super(format(source, line, column, problem), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public RuleFileException(String source, int line, int column, String problem) {
        this(source, line, column, problem, null);
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }

    private static String format(String source, int line, int column, String problem) {
        return line > 0 ? source + ":" + line + ":" + column + ": " + problem : source + ": " + problem;
    }
}
