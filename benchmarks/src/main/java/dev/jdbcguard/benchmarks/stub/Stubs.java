package dev.jdbcguard.benchmarks.stub;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.ExceptionMethod;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * What every stub JDBC object shares, and where the stubs become concrete. Each stub class is abstract and
 * implements only what the benchmarks call; its concrete class is generated here once, with every JDBC method it
 * left abstract throwing {@link #unsupported()}, so a benchmark cannot silently measure a no-op and nobody maintains
 * hundreds of hand-written {@code throw} lines. The generated methods are never on a measured path, and the hand
 * written ones are inherited as they are, so the stub stays the fixed, allocation-free baseline it was.
 */
final class Stubs {

    private static final String UNSUPPORTED = "not implemented by the benchmark stub driver";

    private static final MethodHandle NEW_CONNECTION = constructor(StubConnection.class);
    private static final MethodHandle NEW_STATEMENT = constructor(StubStatement.class, StubConnection.class);
    private static final MethodHandle NEW_PREPARED_STATEMENT =
            constructor(StubPreparedStatement.class, StubConnection.class);
    private static final MethodHandle NEW_RESULT_SET = constructor(StubResultSet.class, Statement.class);

    private Stubs() {
    }

    /** The error for every JDBC method the benchmarks never call. */
    static SQLFeatureNotSupportedException unsupported() {
        return new SQLFeatureNotSupportedException(UNSUPPORTED);
    }

    static StubConnection connection() {
        return make(NEW_CONNECTION, StubConnection.class);
    }

    static StubStatement statement(StubConnection connection) {
        return make(NEW_STATEMENT, StubStatement.class, connection);
    }

    static StubPreparedStatement preparedStatement(StubConnection connection) {
        return make(NEW_PREPARED_STATEMENT, StubPreparedStatement.class, connection);
    }

    static StubResultSet resultSet(Statement statement) {
        return make(NEW_RESULT_SET, StubResultSet.class, statement);
    }

    /**
     * A new object of a generated class. Not on a measured path: the stubs recycle their statements and result sets,
     * so this runs once per connection and per statement kept open, and invoking without exact types is fine.
     */
    private static <T> T make(MethodHandle constructor, Class<T> type, Object... arguments) {
        try {
            return type.cast(constructor.invokeWithArguments(arguments));
        } catch (Throwable e) {
            // a stub constructor does nothing that can fail; if it did, the benchmark must not go on
            throw new IllegalStateException("the stub driver could not make a " + type.getSimpleName(), e);
        }
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

    /** The concrete class of {@code stub} (in its package, so package-private members stay reachable). */
    private static MethodHandle constructor(Class<?> stub, Class<?>... parameters) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(stub, MethodHandles.lookup());
            Class<?> concrete = new ByteBuddy()
                    .subclass(stub, ConstructorStrategy.Default.IMITATE_SUPER_CLASS)
                    .name(stub.getName() + "$Generated")
                    .method(ElementMatchers.isAbstract())
                    .intercept(ExceptionMethod.throwing(SQLFeatureNotSupportedException.class, UNSUPPORTED))
                    .make()
                    .load(stub.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(lookup))
                    .getLoaded();
            return lookup.findConstructor(concrete, MethodType.methodType(void.class, parameters));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
