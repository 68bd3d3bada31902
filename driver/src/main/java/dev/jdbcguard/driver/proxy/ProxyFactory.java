package dev.jdbcguard.driver.proxy;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isDefaultMethod;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.jdbcguard.driver.hook.ConnectionHook;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.TypeCache;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.modifier.TypeManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.loading.MultipleParentClassLoader;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps target driver objects in generated proxies.
 *
 * <p>For each hand-written base ({@link GuardConnection}, {@link GuardStatement}, ...) and each
 * delegate <em>shape</em> (the public, exported interfaces of the delegate's class, walking its
 * superclasses; a non-public interface is replaced by its super-interfaces), Byte Buddy generates
 * one final subclass that also implements those interfaces, so {@code (JdbcConnection) proxy}
 * works. Each method the base does not implement is compiled to a direct call on the delegate
 * field; a method that returns a JDBC object (a vendor method or a {@code DatabaseMetaData}
 * query) passes the result through {@link GuardWrapper#guardReturned} so no raw object escapes;
 * a vendor prepare method on a connection ({@code String} first, returns a statement, e.g.
 * Connector/J's {@code serverPrepareStatement}) reports its SQL to the hook first.
 *
 * <p>Next to each proxy class Byte Buddy generates its {@link ProxyConstructor}, whose only code is
 * {@code new}: the pair is cached per class loader with weak keys ({@link TypeCache}), keyed by
 * base and interface set, and the constructor per delegate class ({@link ClassValue}, and for
 * statements and result sets a per-connection {@link ShapeMemo} in front of it), so wrapping costs
 * a memo probe plus an inlinable {@code new}, with no lock. If a
 * shape cannot be generated (an interface whose methods mention inaccessible types, conflicting
 * signatures, a class loader that cannot see both sides), the factory logs one
 * warning and uses the shape with only the {@code java.sql} interface: vendor casts then fail,
 * but the guard is never bypassed.
 *
 * <p>In the shaded jar Byte Buddy is relocated to {@code dev.jdbcguard.shaded.bytebuddy}: the
 * generated classes reference only the guard's bases, {@code java.sql} and the vendor interfaces,
 * so they neither use nor clash with another Byte Buddy on the classpath (e.g. Hibernate's).
 */
public final class ProxyFactory {

    private static final Logger LOG = LoggerFactory.getLogger("jdbcguard.proxy");

    private final ByteBuddy byteBuddy = new ByteBuddy();
    private final TypeCache<TypeCache.SimpleKey> types = new TypeCache.WithInlineExpunction<>(TypeCache.Sort.SOFT);

    private final Shapes connections = new Shapes(GuardConnection.class, Connection.class);
    private final Shapes statements = new Shapes(GuardStatement.class, Statement.class);
    private final Shapes prepareds = new Shapes(GuardPreparedStatement.class, PreparedStatement.class);
    private final Shapes callables = new Shapes(GuardCallableStatement.class, CallableStatement.class);
    private final Shapes metaDatas = new Shapes(GuardDatabaseMetaData.class, DatabaseMetaData.class);
    private final Shapes resultSets = new Shapes(GuardResultSet.class, ResultSet.class);

    // Each method below calls make() at its own call site: the profile there sees one constructor
    // per target driver, so C2 inlines it (see ProxyConstructor). A shared helper would mix them.

    /** Wraps a freshly opened target connection; the hook receives every event of its life. */
    public GuardConnection connection(Connection raw, ConnectionHook hook) {
        return (GuardConnection) connections.get(raw.getClass()).make(raw, hook, this, null);
    }

    GuardStatement statement(Statement raw, GuardConnection connection) {
        return (GuardStatement) connection.statementShapes.constructorFor(raw.getClass()).make(raw, connection, null, null);
    }

    GuardPreparedStatement prepared(PreparedStatement raw, GuardConnection connection, String sql, Object verdict) {
        return (GuardPreparedStatement) connection.preparedShapes.constructorFor(raw.getClass())
                .make(raw, connection, sql, verdict);
    }

    GuardCallableStatement callable(CallableStatement raw, GuardConnection connection, String sql, Object verdict) {
        return (GuardCallableStatement) callables.get(raw.getClass()).make(raw, connection, sql, verdict);
    }

    GuardDatabaseMetaData metaData(DatabaseMetaData raw, GuardConnection connection) {
        return (GuardDatabaseMetaData) metaDatas.get(raw.getClass()).make(raw, connection, null, null);
    }

    /**
     * Wraps a target result set and tells the hook it is open. If the hook refuses it there
     * ({@code rowsRead} throws), the application never receives it, so it is closed.
     */
    GuardResultSet resultSet(ResultSet raw, GuardStatement statement, GuardConnection connection, Object verdict)
            throws SQLException {
        GuardResultSet result = (GuardResultSet) connection.resultSetShapes.constructorFor(raw.getClass())
                .make(raw, statement, connection, verdict);
        try {
            result.opened();
        } catch (Throwable hookFailure) {
            GuardResultSet.discard(raw, hookFailure);
            throw hookFailure;
        }
        return result;
    }

    /**
     * The proxy for a JDBC object a generated method returned. A connection-typed result is the
     * guarded connection itself (Connector/J's multi-host accessors return the physical connection
     * behind the one the application holds; handing that out raw would bypass the guard).
     */
    Object guard(Object raw, GuardConnection connection, GuardStatement owner) throws SQLException {
        if (raw instanceof ResultSet result) {
            return owner != null ? owner.result(result) : resultSet(result, null, connection, null);
        }
        if (raw instanceof Statement statement) {
            if (owner != null && raw == owner.delegate) {
                return owner;
            }
            if (raw instanceof CallableStatement callable) {
                return callable(callable, connection, null, null);
            }
            return raw instanceof PreparedStatement prepared ? prepared(prepared, connection, null, null)
                    : statement(statement, connection);
        }
        if (raw instanceof Connection) {
            return connection;
        }
        if (raw instanceof DatabaseMetaData metaData) {
            return connection.metaData(metaData);
        }
        return raw;
    }

    /** A connection's memo of its statement proxies' constructors (see {@link ShapeMemo}). */
    ShapeMemo statementShapes() {
        return new ShapeMemo(statements);
    }

    /** A connection's memo of its prepared statement proxies' constructors. */
    ShapeMemo preparedShapes() {
        return new ShapeMemo(prepareds);
    }

    /** A connection's memo of its result set proxies' constructors. */
    ShapeMemo resultSetShapes() {
        return new ShapeMemo(resultSets);
    }

    /** The constructor of the generated class for each delegate class of one base. */
    private final class Shapes extends ClassValue<ProxyConstructor> {
        private final Class<?> base;
        private final Class<?> jdbcInterface;

        Shapes(Class<?> base, Class<?> jdbcInterface) {
            this.base = base;
            this.jdbcInterface = jdbcInterface;
        }

        @Override
        protected ProxyConstructor computeValue(Class<?> delegateClass) {
            List<Class<?>> interfaces = vendorInterfaces(delegateClass);
            try {
                return constructor(generate(interfaces));
            } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
                LOG.warn("[jdbc-guard] cannot implement the interfaces {} of {} on its proxy ({}); the proxy implements only {},"
                                + " so casts to vendor types fail for it", interfaces, delegateClass.getName(), e.toString(),
                        jdbcInterface.getName());
                try {
                    return constructor(generate(List.of()));
                } catch (ReflectiveOperationException fatal) {
                    throw new IllegalStateException("[jdbc-guard] cannot generate the " + base.getSimpleName() + " proxy", fatal);
                }
            }
        }

        private ProxyConstructor constructor(Class<?> generated) throws ReflectiveOperationException {
            return (ProxyConstructor) generated.getConstructor().newInstance();
        }

        /** Public interfaces of the delegate beyond what the base already implements, in a stable order. */
        private List<Class<?>> vendorInterfaces(Class<?> delegateClass) {
            Set<Class<?>> found = new LinkedHashSet<>();
            for (Class<?> type = delegateClass; type != null; type = type.getSuperclass()) {
                for (Class<?> candidate : type.getInterfaces()) {
                    collect(candidate, found);
                }
            }
            List<Class<?>> interfaces = new ArrayList<>(found);
            interfaces.removeIf(type -> type.isAssignableFrom(base) || type == Serializable.class || type == Cloneable.class);
            interfaces.sort(Comparator.comparing(Class::getName));
            return interfaces;
        }

        private void collect(Class<?> candidate, Set<Class<?>> found) {
            if (Modifier.isPublic(candidate.getModifiers()) && candidate.getModule().isExported(candidate.getPackageName())) {
                found.add(candidate);
            } else {
                for (Class<?> parent : candidate.getInterfaces()) {
                    collect(parent, found);
                }
            }
        }

        private Class<?> generate(List<Class<?>> interfaces) {
            List<Class<?>> visible = new ArrayList<>(interfaces);
            visible.add(base);
            ClassLoader loader = new MultipleParentClassLoader.Builder().appendMostSpecific(visible).build();
            return types.findOrInsert(loader, new TypeCache.SimpleKey(base, interfaces),
                    () -> constructorOf(define(interfaces)).load(loader, ClassLoadingStrategy.Default.WRAPPER).getLoaded(), types);
        }

        /**
         * The {@link ProxyConstructor} of {@code proxy}, with {@code proxy} included so both share one
         * class loader: {@code make} casts its first arguments to the constructor's parameter types
         * and calls it; its extra arguments are ignored.
         */
        private DynamicType.Unloaded<?> constructorOf(DynamicType.Unloaded<?> proxy) {
            TypeDescription type = proxy.getTypeDescription();
            MethodDescription constructor = type.getDeclaredMethods().filter(isConstructor()).getOnly();
            int[] arguments = IntStream.range(0, constructor.getParameters().size()).toArray();
            return byteBuddy.subclass(ProxyConstructor.class)
                    .name(type.getName() + "$Constructor")
                    .modifiers(Visibility.PUBLIC, TypeManifestation.FINAL)
                    .method(named("make"))
                    .intercept(MethodCall.construct(constructor).withArgument(arguments)
                            .withAssigner(Assigner.DEFAULT, Assigner.Typing.DYNAMIC))
                    .make()
                    .include(proxy);
        }

        private DynamicType.Unloaded<?> define(List<Class<?>> interfaces) {
            ElementMatcher.Junction<MethodDescription> delegated = isAbstract().or(isDefaultMethod());
            ElementMatcher.Junction<TypeDescription> jdbcObject = isSubTypeOf(ResultSet.class).or(isSubTypeOf(Statement.class))
                    .or(isSubTypeOf(Connection.class)).or(isSubTypeOf(DatabaseMetaData.class));
            MethodCall direct = (MethodCall) MethodCall.invokeSelf().onField("delegate").withAllArguments()
                    .withAssigner(Assigner.DEFAULT, Assigner.Typing.DYNAMIC);
            Implementation guarded = MethodCall.invoke(named("guardReturned")).withMethodCall(direct)
                    .withAssigner(Assigner.DEFAULT, Assigner.Typing.DYNAMIC);
            DynamicType.Builder<?> builder = byteBuddy
                    .subclass(base, ConstructorStrategy.Default.IMITATE_SUPER_CLASS_OPENING)
                    .implement(interfaces)
                    .modifiers(Visibility.PUBLIC, TypeManifestation.FINAL)
                    .method(delegated).intercept(direct)
                    .method(delegated.and(returns(jdbcObject))).intercept(guarded);
            if (GuardWarningSource.class.isAssignableFrom(base)) {
                builder = builder
                        .method(delegated.and(named("getWarnings")).and(takesArguments(0)))
                        .intercept(MethodCall.invoke(named("withGuardWarnings")).withMethodCall(direct))
                        .method(delegated.and(named("clearWarnings")).and(takesArguments(0)))
                        .intercept(direct.andThen(MethodCall.invoke(named("clearGuardWarnings"))));
            }
            if (GuardStatement.class.isAssignableFrom(base)) {
                ElementMatcher.Junction<MethodDescription> executes = delegated.and(namedOneOf("execute", "executeQuery",
                        "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch"));
                ElementMatcher.Junction<MethodDescription> withSql = executes.and(takesArgument(0, String.class));
                ElementMatcher.Junction<MethodDescription> batch = executes.and(takesArguments(0))
                        .and(namedOneOf("executeBatch", "executeLargeBatch"));
                ElementMatcher.Junction<MethodDescription> ownSql = executes.and(takesArguments(0)).and(not(batch));
                ElementMatcher.Junction<MethodDescription> query = returns(isSubTypeOf(ResultSet.class));
                builder = builder
                        .method(withSql).intercept(Advice.to(ExecutionAdvice.BeforeSql.class, ExecutionAdvice.After.class).wrap(direct))
                        .method(withSql.and(query))
                        .intercept(Advice.to(ExecutionAdvice.BeforeSql.class, ExecutionAdvice.AfterQuery.class).wrap(direct))
                        .method(ownSql).intercept(Advice.to(ExecutionAdvice.BeforeOwnSql.class, ExecutionAdvice.After.class).wrap(direct))
                        .method(ownSql.and(query))
                        .intercept(Advice.to(ExecutionAdvice.BeforeOwnSql.class, ExecutionAdvice.AfterQuery.class).wrap(direct))
                        .method(batch).intercept(Advice.to(ExecutionAdvice.BeforeBatch.class, ExecutionAdvice.After.class).wrap(direct));
            }
            if (base == GuardConnection.class) {
                Implementation vendorPrepare = MethodCall.invoke(named("guardPrepared"))
                        .withMethodCall(MethodCall.invoke(named("beforePrepare")).withArgument(0))
                        .withMethodCall(direct)
                        .withArgument(0)
                        .withAssigner(Assigner.DEFAULT, Assigner.Typing.DYNAMIC);
                builder = builder.method(delegated.and(returns(isSubTypeOf(Statement.class)))
                                .and(takesArgument(0, String.class))
                                .and(isDeclaredBy(not(nameStartsWith("java.")))))
                        .intercept(vendorPrepare);
            }
            return builder.make();
        }
    }
}
