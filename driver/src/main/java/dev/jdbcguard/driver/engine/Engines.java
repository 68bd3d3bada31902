package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.hook.ConnectRequest;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines of one driver or data source, one per distinct {@link EngineSettings} (rule selection
 * and engine-wide {@code guard.*} settings): connections that select the same rules share their
 * engine's caches, gates, EXPLAIN connection and metrics, and a reload of the rule file reaches all
 * of them at once.
 *
 * <p>Engines are started on the first connect that selects them and kept until {@link #close()}
 * (the registered driver never closes its engines: they live as long as the driver does). An
 * engine that fails to start (a bad rule file) is not kept: the next connect tries again, so a
 * fixed file is picked up without a restart.
 *
 * <p>Cost per connect: parsing the settings and one hash lookup.
 */
public final class Engines implements ConnectionHookFactory, AutoCloseable {

    private final Map<String, String> environment;
    private final ConcurrentHashMap<EngineSettings, GuardEngine> engines = new ConcurrentHashMap<>();
    private boolean closed;

    /** Engines selecting their rules from the connect settings, else from this process's environment. */
    public Engines() {
        this(System.getenv());
    }

    /** @param environment where {@code JDBC_GUARD_PROFILE} / {@code JDBC_GUARD_RULES} are read (tests pass their own) */
    public Engines(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public ConnectionHook open(ConnectRequest request) throws SQLException {
        return engine(EngineSettings.of(request.settings(), environment)).open(request);
    }

    /**
     * The engine for {@code settings}, started on first use.
     *
     * @throws SQLException when its rules cannot be loaded, or after {@link #close()}
     */
    public GuardEngine engine(EngineSettings settings) throws SQLException {
        Objects.requireNonNull(settings, "settings");
        GuardEngine engine = engines.get(settings);
        if (engine != null) {
            return engine;
        }
        synchronized (this) {
            if (closed) {
                throw new SQLException("[jdbc-guard] this guard was closed", "08003");
            }
            engine = engines.get(settings);
            if (engine == null) {
                engine = GuardEngine.start(settings);
                engines.put(settings, engine);
            }
            return engine;
        }
    }

    /** Closes every engine: their threads stop, EXPLAIN connections close, metrics unregister. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        engines.values().forEach(GuardEngine::close);
        engines.clear();
    }
}
