package dev.jdbcguard.check;

import dev.jdbcguard.testdb.DedicatedServer;
import java.util.Optional;

/**
 * The workload contract on MySQL 8 through Testcontainers, whose performance_schema and variables differ from
 * MariaDB's (digest text, GTID mode, {@code Max_used_connections_time}). Skipped, saying so, without Docker.
 */
class MySqlContainerCheckWorkloadTest extends CheckWorkloadContract {

    @Override
    Optional<DedicatedServer> start(String... options) {
        // MySQL writes GTIDs only when asked; MariaDB always does, and knows neither option.
        String[] withGtids = java.util.Arrays.copyOf(options, options.length + 2);
        withGtids[options.length] = "--gtid-mode=ON";
        withGtids[options.length + 1] = "--enforce-gtid-consistency=ON";
        return DedicatedServer.startMySqlContainer(withGtids);
    }

    @Override
    String unavailableReason() {
        return "Docker engine absent: the Testcontainers MySQL 8 path cannot run on this machine";
    }
}
