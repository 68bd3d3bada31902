package dev.jdbcguard.driver.spring;

import dev.jdbcguard.driver.url.GuardUrl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets Spring Boot take a {@code jdbc:guard:} URL alone: for each of {@code spring.datasource},
 * {@code spring.flyway} and {@code spring.liquibase} whose {@code url} is a guard URL and whose
 * {@code driver-class-name} is not set, supplies {@code driver-class-name=dev.jdbcguard.GuardDriver}.
 *
 * <p>Why: Boot derives the driver class from the URL through a fixed list of known prefixes
 * ({@code DatabaseDriver.fromJdbcUrl}); for an unknown prefix it fails ("Failed to determine a suitable
 * driver class") or, with an embedded database such as H2 on the class path, falls back to that database's
 * driver, which then refuses the URL. The value is added as the environment's last property source, so any
 * setting of the application's own (any spelling, any source) wins.
 *
 * <p>Registered in {@code META-INF/spring.factories} under {@code org.springframework.boot.env.EnvironmentPostProcessor}:
 * the key Spring Boot 3.x reads, which Boot 4.0 still reads beside its new
 * {@code org.springframework.boot.EnvironmentPostProcessor}. Spring is an optional dependency of the
 * driver; only Spring Boot loads this class.
 */
public final class GuardDriverClassNames implements EnvironmentPostProcessor {

    /** The name of the property source this adds. */
    public static final String SOURCE_NAME = "jdbc-guard driver class names";

    /** Boot's settings groups that take a URL of their own and would derive its driver class. */
    static final List<String> PREFIXES = List.of("spring.datasource", "spring.flyway", "spring.liquibase");

    private static final String DRIVER = "dev.jdbcguard.GuardDriver";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (String prefix : PREFIXES) {
            String driverKey = prefix + ".driver-class-name";
            if (GuardUrl.accepts(environment.getProperty(prefix + ".url")) && !environment.containsProperty(driverKey)) {
                defaults.put(driverKey, DRIVER);
            }
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
        }
    }
}
