package dev.jdbcguard.check;

import dev.jdbcguard.testdb.DedicatedServer;
import java.util.Optional;

/** The workload contract on a local mariadbd/mysqld of its own (MariaDB here). */
class LocalCheckWorkloadTest extends CheckWorkloadContract {

    @Override
    Optional<DedicatedServer> start(String... options) {
        return DedicatedServer.start(options);
    }

    @Override
    String unavailableReason() {
        return "neither a local mariadbd/mysqld nor the embedded MariaDB to start a dedicated server with";
    }
}
