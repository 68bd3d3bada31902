package dev.jdbcguard.benchmarks.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.p6spy.engine.spy.P6SpyOptions;
import dev.jdbcguard.benchmarks.Cycles;
import dev.jdbcguard.benchmarks.stub.StubDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every layer really sits in front of the stub and runs every cycle, and the guard really judges statements with
 * its production rules, so the benchmark measures what it says.
 */
class LayerTest {

    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @ParameterizedTest
    @EnumSource(Layer.class)
    void runsEveryCycleThroughTheLayer(Layer layer) throws SQLException {
        try (Connection connection = layer.connect()) {
            if (layer == Layer.RAW) {
                assertThat(connection.getClass().getPackageName()).isEqualTo(StubDriver.class.getPackageName());
            } else {
                assertThat(connection.getClass().getPackageName()).isNotEqualTo(StubDriver.class.getPackageName());
                assertThat(connection.isWrapperFor(Connection.class)).isTrue();
            }
            Cycles.preparedQuery(connection, 1, BLACKHOLE);
            Cycles.execute(connection, Cycles.lookupSql(1), BLACKHOLE);
            Cycles.preparedUpdate(connection, 1, "ada", BLACKHOLE);
            Cycles.batch(connection, 1, 100, BLACKHOLE);
        }
        if (layer == Layer.P6SPY_LOGGING) {
            DiscardingP6Logger appender = (DiscardingP6Logger) P6SpyOptions.getActiveInstance().getAppenderInstance();
            assertThat(appender.lastMessage()).contains("UPDATE account SET name");
        }
        assertThat(Files.exists(Path.of("spy.log"))).as("p6spy must not write spy.log").isFalse();
    }

    @Test
    void guardEnforcesTheProductionProfile() throws SQLException {
        try (Connection connection = Layer.GUARD.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("DROP TABLE account"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("ddl.drop-table");
        }
    }
}
