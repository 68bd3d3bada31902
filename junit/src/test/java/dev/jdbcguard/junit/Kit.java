package dev.jdbcguard.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs fixture classes in a JUnit run of their own, so the tests can assert how they failed. */
final class Kit {

    private Kit() {
    }

    static Events run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    static Events run(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameters(configuration).execute().allEvents();
    }

    /** The message of the single failure of {@code events}. */
    static String failure(Events events) {
        var failed = events.failed().list();
        if (failed.size() != 1) {
            throw new AssertionError("expected one failure, got " + failed.size() + ": " + failed);
        }
        return failed.get(0).getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                .orElseThrow().getMessage();
    }
}
