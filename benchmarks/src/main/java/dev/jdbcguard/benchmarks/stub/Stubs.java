package dev.jdbcguard.benchmarks.stub;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** What every stub JDBC object shares. The stub implements only what the benchmarks call; the rest fails loudly. */
final class Stubs {

    private Stubs() {
    }

    /** The error for every JDBC method the benchmarks never call, so a benchmark cannot silently measure a no-op. */
    static SQLFeatureNotSupportedException unsupported() {
        return new SQLFeatureNotSupportedException("not implemented by the benchmark stub driver");
    }

    static void checkOpen(boolean closed, String what) throws SQLException {
        if (closed) {
            throw new SQLException(what + " is closed", "08003");
        }
    }

    static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw new SQLException(self.getClass().getSimpleName() + " does not wrap a " + iface.getName());
    }
}
