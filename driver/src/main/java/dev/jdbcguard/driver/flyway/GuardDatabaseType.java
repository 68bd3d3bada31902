package dev.jdbcguard.driver.flyway;

import dev.jdbcguard.driver.url.GuardUrl;
import java.sql.Connection;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.extensibility.Plugin;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.base.BaseDatabaseType;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

/**
 * Lets Flyway open {@code jdbc:guard:} URLs (its API, CLI, Maven and Gradle plugins, Spring Boot's
 * {@code spring.flyway.url}): a Flyway database plugin, found by Flyway's {@code ServiceLoader} through
 * {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}.
 *
 * <p>Flyway chooses a database type twice. For a URL it asks each type {@link #handlesJDBCUrl} only to
 * learn which driver class to load and which connection properties to set; this type answers for
 * {@code jdbc:guard:} URLs with {@link dev.jdbcguard.GuardDriver} and hands the properties to the type of
 * the target URL ({@code jdbc:mysql:...} gets MySQL's). Once connected, Flyway chooses the type that
 * does the work from the connection's {@code DatabaseMetaData}, which the guard passes through from the
 * target: MySQL's or MariaDB's type, so migrations parse and lock exactly as without the guard. This type
 * therefore never claims a connection, and Flyway never asks it for a database or a parser.
 *
 * <p>Extends only flyway-core types, present in every Flyway with this plugin API (Flyway 10 and later
 * were tested: 11 under Spring Boot 3.5 and 4.0, 12.11 and 13.12), so loading it can never break Flyway for
 * other URLs. Flyway without the database module of the target (flyway-mysql since Flyway 10) gets a
 * message naming that module.
 */
public final class GuardDatabaseType extends BaseDatabaseType {

    /** Flyway's other database types, in Flyway's order; read on first use. */
    private volatile List<DatabaseType> types;

    @Override
    public String getName() {
        return "jdbc-guard";
    }

    /** Never used (Flyway asks the connection's type); the MySQL family's value. */
    @Override
    public int getNullType() {
        return Types.VARCHAR;
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return GuardUrl.accepts(url);
    }

    /**
     * {@link dev.jdbcguard.GuardDriver}, once Flyway is known to have a database type for the target.
     *
     * @throws FlywayException naming the Flyway module to add when none handles the target URL
     */
    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        target(url);
        return "dev.jdbcguard.GuardDriver";
    }

    /** None: the guard finds the target's driver itself, and a missing one is named in its own message. */
    @Override
    public String getBackupDriverClass(String url, ClassLoader classLoader) {
        return null;
    }

    /** The target type's defaults (MySQL's: {@code connectionAttributes=program_name:Flyway}). */
    @Override
    public void setDefaultConnectionProps(String url, Properties props, ClassLoader classLoader) {
        target(url).setDefaultConnectionProps(targetUrl(url), props, classLoader);
    }

    /** False: the connection's metadata is the target's, and the target's own type takes it. */
    @Override
    public boolean handlesDatabaseProductNameAndVersion(String productName, String productVersion, Connection connection) {
        return false;
    }

    @Override
    public Database createDatabase(Configuration configuration, JdbcConnectionFactory connectionFactory,
            StatementInterceptor statementInterceptor) {
        throw notForConnections();
    }

    @Override
    public Parser createParser(Configuration configuration, ResourceProvider resourceProvider, ParsingContext parsingContext) {
        throw notForConnections();
    }

    /**
     * The type Flyway would choose for the target URL: the first by Flyway's own order (priority) that handles it.
     * Read from the plugins as Flyway's register reads them, not through that register, whose methods changed
     * between Flyway 11, 12 and 13; loaded once, on the first guard URL.
     */
    private DatabaseType target(String url) {
        String target = targetUrl(url);
        List<DatabaseType> all = types;
        if (all == null) {
            List<DatabaseType> loaded = new ArrayList<>();
            for (Plugin plugin : ServiceLoader.load(Plugin.class, Plugin.class.getClassLoader())) {
                if (plugin instanceof DatabaseType type && !(plugin instanceof GuardDatabaseType) && plugin.isEnabled()) {
                    loaded.add(type);
                }
            }
            loaded.sort(null);
            types = all = List.copyOf(loaded);
        }
        for (DatabaseType type : all) {
            if (type.handlesJDBCUrl(target)) {
                return type;
            }
        }
        String scheme = scheme(target);
        throw new FlywayException("[jdbc-guard] Flyway has no database type for " + scheme + "... (the target of "
                + "jdbc:guard:" + scheme.substring("jdbc:".length()) + "); add its Flyway module, e.g."
                + " org.flywaydb:flyway-mysql for MySQL and MariaDB (Flyway 10 and later ship them apart)");
    }

    /** {@code jdbc:guard:mysql://h/db?x} as {@code jdbc:mysql://h/db?x}: Flyway's types read the scheme only. */
    private static String targetUrl(String url) {
        return "jdbc:" + url.substring(GuardUrl.PREFIX.length());
    }

    private static String scheme(String targetUrl) {
        int colon = targetUrl.indexOf(':', "jdbc:".length());
        return colon < 0 ? targetUrl : targetUrl.substring(0, colon + 1);
    }

    private static IllegalStateException notForConnections() {
        return new IllegalStateException("[jdbc-guard] Flyway asked the URL-only jdbc-guard database type for a"
                + " connection's database; the connection's own type (chosen from its metadata) does that work");
    }
}
