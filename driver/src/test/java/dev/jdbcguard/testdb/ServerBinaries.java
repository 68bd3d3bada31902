package dev.jdbcguard.testdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A locally installed database server the harness can launch: MariaDB's {@code mariadbd} with
 * {@code mariadb-install-db}, or MySQL's {@code mysqld} (which initializes its own datadir).
 *
 * <p>Looked up on {@code PATH} and in {@code /usr/sbin}, {@code /usr/bin}, {@code /usr/local/mysql/bin}
 * (server binaries live in sbin on Debian, which is often not on a non-root PATH). {@code mysqld} is
 * asked for its version because on MariaDB systems it is a link to {@code mariadbd}.
 *
 * @param server    the server binary
 * @param installer {@code mariadb-install-db} (MariaDB only; MySQL uses {@code mysqld --initialize-insecure})
 * @param flavor    which server it really is
 * @param version   the version it reports, e.g. {@code 10.11.19-MariaDB-0+deb12u1}
 * @param baseDir   the installation directory to pass as {@code --basedir}, for a server outside the
 *                  system's own paths (the embedded one); empty for an installed server, which knows its own
 * @param origin    how the harness got it, for descriptions: {@code local} or {@code embedded (...)}
 */
record ServerBinaries(Path server, Optional<Path> installer, Flavor flavor, String version, Optional<Path> baseDir,
                      String origin) {

    enum Flavor { MARIADB, MYSQL }

    static final String LOCAL = "local";
    private static final Pattern VERSION = Pattern.compile("Ver\\s+(\\S+)");
    private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/usr/local/mysql/bin");

    /** Runs the version query; a second at most even on a loaded machine. */
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The first usable server on this machine, MariaDB preferred, or empty when there is none.
     *
     * @param pathVariable the value of {@code PATH} (may be null)
     */
    static Optional<ServerBinaries> find(String pathVariable) {
        List<Path> directories = searchDirectories(pathVariable);
        for (String name : List.of("mariadbd", "mysqld")) {
            Optional<Path> server = locate(directories, name);
            if (server.isEmpty()) {
                continue;
            }
            String version = version(server.get());
            if (version.contains("MariaDB")) {
                Optional<Path> installer = locate(directories, "mariadb-install-db")
                        .or(() -> locate(directories, "mysql_install_db"));
                if (installer.isPresent()) {
                    return Optional.of(new ServerBinaries(server.get(), installer, Flavor.MARIADB, version,
                            Optional.empty(), LOCAL));
                }
            } else {
                return Optional.of(new ServerBinaries(server.get(), Optional.empty(), Flavor.MYSQL, version,
                        Optional.empty(), LOCAL));
            }
        }
        return Optional.empty();
    }

    /**
     * A MariaDB server installed under {@code baseDir} rather than in the system's paths.
     *
     * @throws IllegalStateException if the server cannot even report its version (a missing library, say)
     */
    static ServerBinaries mariadb(Path server, Path installer, Path baseDir, String origin) {
        return new ServerBinaries(server, Optional.of(installer), Flavor.MARIADB, version(server), Optional.of(baseDir),
                origin);
    }

    /** {@code mariadbd} or {@code mysqld}, as it appears in descriptions. */
    String serverName() {
        return server.getFileName().toString();
    }

    private static String version(Path server) {
        return version(Commands.run(Path.of(System.getProperty("java.io.tmpdir")), VERSION_TIMEOUT,
                List.of(server.toString(), "--no-defaults", "--version")));
    }

    /** {@code "/usr/sbin/mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu ..."} to its version. */
    private static String version(String output) {
        Matcher matcher = VERSION.matcher(output);
        return matcher.find() ? matcher.group(1) : output.strip();
    }

    private static List<Path> searchDirectories(String pathVariable) {
        Set<String> directories = new LinkedHashSet<>();
        if (pathVariable != null) {
            for (String entry : pathVariable.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(entry);
                }
            }
        }
        directories.addAll(EXTRA_DIRECTORIES);
        List<Path> paths = new ArrayList<>(directories.size());
        directories.forEach(directory -> paths.add(Path.of(directory)));
        return paths;
    }

    private static Optional<Path> locate(List<Path> directories, String name) {
        return directories.stream()
                .map(directory -> directory.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
