package dev.jdbcguard.testdb;

/**
 * The operating-system process of a throwaway server this run launched itself, for fault tests: it can be killed
 * as a crash kills it and started again on the same port with the same datadir, as an operator or a supervisor
 * restarts it. Clients see a crash (no goodbye on any socket, then connection refused) and then the same server
 * back, its data and logins intact.
 */
interface ServerProcess {

    /** SIGKILL, as a crash or the OOM killer: no shutdown, no packet to the clients. Returns once it has exited. */
    void kill();

    /**
     * Starts the server again on its port with its datadir and options and returns once the admin can log in.
     *
     * @throws IllegalStateException when it is still running, or does not come back (with its log tail)
     */
    void restart();
}
