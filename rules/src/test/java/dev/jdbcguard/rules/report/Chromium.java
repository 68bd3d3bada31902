package dev.jdbcguard.rules.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium}, which {@code .ci/run} installs), for tests that assert on what a
 * page renders: {@link #dumpDom} is the DOM after the page's scripts ran.
 */
final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private Chromium() {
    }

    /** The browser on PATH, if any. */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Opens {@code page} with a fresh profile, no network of its own, and returns the DOM it rendered. */
    static String dumpDom(Path browser, Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jdbc-guard-chromium");
        Path output = profile.resolve("dom.html");
        Path errors = profile.resolve("stderr.txt");
        try {
            Process process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within 90 s: " + tail(errors));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited " + process.exitValue() + ": " + tail(errors));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            delete(profile);
        }
    }

    private static String tail(Path errors) throws IOException {
        String text = Files.readString(errors, StandardCharsets.UTF_8);
        return text.length() <= 2_000 ? text : text.substring(text.length() - 2_000);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
