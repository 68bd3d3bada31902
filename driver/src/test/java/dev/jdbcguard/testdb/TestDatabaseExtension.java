package dev.jdbcguard.testdb;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared {@link TestDatabase} into test constructors, {@code @BeforeAll}/{@code @BeforeEach}
 * methods and test methods: {@code @ExtendWith(TestDatabaseExtension.class)}.
 *
 * <p>The servers live in the root {@link ExtensionContext.Store} as one {@link TestServers} per test run
 * (JVM), so every test class shares them; JUnit closes that store entry (an {@link AutoCloseable}) when
 * the run ends, which stops the servers and deletes their temp dirs. The first injection starts the
 * server (seconds); every later one is a map lookup.
 */
public final class TestDatabaseExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabaseExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public TestDatabase resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return servers(extensionContext).primary();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("No test database: " + e.getMessage(), e);
        }
    }

    /** The run's servers, created (not yet started) on first use. */
    static TestServers servers(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestServers.class, key -> new TestServers(), TestServers.class);
    }
}
