package dev.jdbcguard.rules.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * {@code --baseline FILE} / {@code --write-baseline FILE}: findings already known, so that adopting {@code lint} on an
 * old migration history does not fail on what was shipped long ago, while every new finding still does.
 *
 * <p>A finding is known by rule id, statement fingerprint (literals as {@code ?}, whitespace and comments
 * normalised) and file: editing a comment or moving a statement keeps it known; changing the statement, or the same
 * statement in a new file, makes it new. The file is plain text, one finding a line
 * ({@code rule<TAB>file<TAB>fingerprint}), sorted, so it diffs well in review; {@code #} starts a comment.
 */
final class Baseline {

    private static final String HEADER = "# jdbc-guard lint baseline: rule<TAB>file<TAB>statement fingerprint; regenerate with --write-baseline";

    private final Set<String> known;

    private Baseline(Set<String> known) {
        this.known = known;
    }

    /** The key of a finding, as written in a baseline file. */
    static String key(LintReport.Located located) {
        String fingerprint = located.finding().fingerprint() == null ? "" : located.finding().fingerprint();
        return located.finding().ruleId() + "\t" + located.file().toString().replace('\\', '/') + "\t"
                + fingerprint.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    static Baseline read(Path file) {
        try {
            Set<String> known = new LinkedHashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    if (line.split("\t", -1).length != 3) {
                        throw new UncheckedIOException(file + ": not a baseline line (rule<TAB>file<TAB>fingerprint): " + line,
                                new IOException(file.toString()));
                    }
                    known.add(line);
                }
            }
            return new Baseline(known);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": no such baseline file (write one with --write-baseline)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the baseline: " + e, e);
        }
    }

    /** Writes the keys ({@link #key}) of the findings, each once, sorted. */
    static void write(Path file, SortedSet<String> keys) {
        List<String> lines = new ArrayList<>(keys.size() + 1);
        lines.add(HEADER);
        lines.addAll(keys);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the baseline: " + e, e);
        }
    }

    boolean knows(LintReport.Located located) {
        return known.contains(key(located));
    }
}
