package dev.jdbcguard.benchmarks.overhead;

import com.p6spy.engine.spy.P6ModuleManager;
import dev.jdbcguard.benchmarks.stub.StubDataSource;
import dev.jdbcguard.benchmarks.stub.StubDriver;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.proxy.ProxyFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import net.ttddyy.dsproxy.listener.NoOpQueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * What sits between the benchmark and the stub driver. Each value is measured in its own forked JVM (JMH forks
 * per parameter value), so one layer's classes and JIT profile never leak into another's numbers.
 */
public enum Layer {

    /** The stub driver alone: the baseline every overhead is measured against. */
    RAW {
        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(STUB_URL);
        }
    },

    /** jdbc-guard as users deploy it: {@code jdbc:guard:} in front of the target URL, production profile. */
    GUARD {
        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:guard:" + STUB_URL.substring("jdbc:".length()), guardSettings());
        }
    },

    /**
     * jdbc-guard's proxies alone, with the hook that does nothing ({@link ConnectionHook#NONE}): what the
     * wrapping costs before any rule runs, so GUARD minus this is the engine's share.
     */
    GUARD_PROXIES {
        @Override
        public Connection connect() throws SQLException {
            return new ProxyFactory().connection(DriverManager.getConnection(STUB_URL), ConnectionHook.NONE);
        }
    },

    /**
     * p6spy's core only (module {@code P6SpyFactory}: wrappers and event dispatch, no listener): the cheapest
     * p6spy set-up, and the one spy.properties in this jar selects.
     */
    P6SPY {
        @Override
        public Connection connect() throws SQLException {
            return p6spy(false);
        }
    },

    /**
     * p6spy with its logging module, as most users run it: every statement is formatted by the default
     * {@code SingleLineFormat} and handed to {@link DiscardingP6Logger}, which drops it (no file, no I/O).
     */
    P6SPY_LOGGING {
        @Override
        public Connection connect() throws SQLException {
            return p6spy(true);
        }
    },

    /** datasource-proxy around a DataSource, with its own no-op query listener. */
    DATASOURCE_PROXY {
        @Override
        public Connection connect() throws SQLException {
            return ProxyDataSourceBuilder.create(new StubDataSource())
                    .name("bench")
                    .listener(new NoOpQueryExecutionListener())
                    .build()
                    .getConnection();
        }
    };

    static final String STUB_URL = StubDriver.URL_PREFIX + "//localhost:3306/bench";

    /** Opens a connection through this layer to the stub driver. */
    public abstract Connection connect() throws SQLException;

    /** The guard as it runs by default: the production profile. */
    static Properties guardSettings() {
        Properties settings = new Properties();
        settings.setProperty("guard.profile", "production");
        return settings;
    }

    private static Connection p6spy(boolean logging) throws SQLException {
        System.setProperty("p6spy.config.jmx", "false");
        if (logging) {
            System.setProperty("p6spy.config.modulelist",
                    "com.p6spy.engine.spy.P6SpyFactory,com.p6spy.engine.logging.P6LogFactory");
            System.setProperty("p6spy.config.appender", DiscardingP6Logger.class.getName());
        } else {
            System.setProperty("p6spy.config.modulelist", "com.p6spy.engine.spy.P6SpyFactory");
        }
        P6ModuleManager.getInstance().reload();
        return DriverManager.getConnection("jdbc:p6spy:" + STUB_URL.substring("jdbc:".length()));
    }
}
