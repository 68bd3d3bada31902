package dev.jdbcguard.driver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Runs the metrics in a class loader that holds the guard, SLF4J and Logback but not Micrometer,
 * as in an application without Micrometer: nothing may fail, JMX must still work.
 */
class MicrometerAbsentTest {

    @Test
    void withoutMicrometerJmxWorksAndNothingFails() throws Exception {
        URL[] classPath = {
                codeSource(GuardMetrics.class), codeSource(MicrometerAbsentTest.class),
                codeSource(org.slf4j.LoggerFactory.class), codeSource(ch.qos.logback.classic.Logger.class),
                codeSource(ch.qos.logback.core.Appender.class)};
        try (URLClassLoader withoutMicrometer = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> probeClass = withoutMicrometer.loadClass(AbsentMicrometerProbe.class.getName());
            assertThat(probeClass.getClassLoader()).isSameAs(withoutMicrometer);

            @SuppressWarnings("unchecked")
            Callable<String> probe = (Callable<String>) probeClass.getDeclaredConstructor().newInstance();

            assertThat(probe.call()).isEqualTo("micrometer absent; warn findings {dml.no-where=1}; registered true; "
                    + "unregistered true");
        }
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
