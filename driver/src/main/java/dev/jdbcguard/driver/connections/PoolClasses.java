package dev.jdbcguard.driver.connections;

import java.util.List;

/**
 * Recognises the classes of connection pools by package, loading none of them: a pool's frames on
 * a connecting stack (the pool opened the connection and holds it by design) and a pool's
 * {@code DataSource} handed to {@link dev.jdbcguard.GuardDataSource} (its connections are borrowed,
 * not opened). Cost: a few string prefix tests.
 */
public final class PoolClasses {

    private static final List<String> PACKAGES = List.of("com.zaxxer.hikari.", "org.apache.commons.dbcp2.",
            "org.apache.tomcat.jdbc.pool.", "com.mchange.v2.c3p0.", "io.agroal.", "oracle.ucp.", "org.vibur.dbcp.",
            "com.alibaba.druid.pool.");

    private PoolClasses() {
    }

    /** Whether {@code className} belongs to one of the known connection pools. */
    public static boolean isPool(String className) {
        for (String pool : PACKAGES) {
            if (className.startsWith(pool)) {
                return true;
            }
        }
        return false;
    }
}
