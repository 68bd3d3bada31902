package dev.jdbcguard.testdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The per-server temp dirs (datadir, certificates, truststore): created fresh, deleted whole. */
final class TempDirs {

    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    /**
     * A new empty directory under {@code java.io.tmpdir}.
     *
     * @throws IllegalStateException if it cannot be created
     */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temp dir for the test server: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything under it; logs (never throws) what it could not delete. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {} completely: {}", dir, e.getMessage());
        }
    }
}
