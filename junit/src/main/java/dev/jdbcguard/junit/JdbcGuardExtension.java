package dev.jdbcguard.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails a test on the guard's findings and on statement budgets.
 *
 * <p>Register it with {@code @ExtendWith(JdbcGuardExtension.class)} or {@link JdbcGuardTest} on a class (or a
 * method), or for every test class at once through JUnit's extension auto-detection: this jar declares it in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, used when
 * {@code junit.jupiter.extensions.autodetection.enabled=true} (e.g. in {@code src/test/resources/junit-platform.properties}).
 *
 * <p>For each test it records the findings and statements of every guarded connection in the JVM (see
 * {@link Recording}), from {@code beforeEach} to {@code afterEach}, then fails the test when a finding reaches the
 * threshold ({@link JdbcGuardTest#failOn()}, {@link AllowFinding}) or an {@link ExpectStatements} budget is not
 * met. Every finding group also goes to the test's report entries (key {@code jdbc-guard}). A test that ran nothing
 * through the guard is said so at INFO on {@code jdbcguard.junit}, and not failed.
 *
 * <p>Bad configuration (a {@code failOn} or {@code @AllowFinding} entry that names no rule, a negative budget) fails
 * the test class in {@code beforeAll}, naming the entry and where it is.
 */
public final class JdbcGuardExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Configuration parameter: the default {@link JdbcGuardTest#failOn()}, comma-separated. */
    public static final String FAIL_ON = "jdbcguard.junit.fail-on";

    static final String LOGGER = "jdbcguard.junit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Namespace NAMESPACE = Namespace.create(JdbcGuardExtension.class);

    /** What {@code beforeEach} set up for one test. */
    private record Test(Recording recording, FailPolicy policy, Budget budget) {
    }

    /** The threads of the tests running now, for the run (root store): parallel tests keep their own events. */
    private static final class RunningTests {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        try {
            FailPolicy classPolicy = classPolicy(testClass, context);
            classBudget(testClass);
            for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
                for (Method method : type.getDeclaredMethods()) {
                    methodPolicy(method, classPolicy);
                    methodBudget(method, testClass);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("[jdbc-guard] " + e.getMessage());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        FailPolicy policy;
        Budget budget;
        try {
            policy = methodPolicy(method, classPolicy(testClass, context));
            budget = methodBudget(method, testClass);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("[jdbc-guard] " + e.getMessage());
        }
        RunningTests running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningTests.class, key -> new RunningTests(), RunningTests.class);
        running.threads.add(Thread.currentThread());
        Recording recording = Recording.start(TestFrames.of(testClass), running.threads);
        context.getStore(NAMESPACE).put(Test.class, new Test(recording, policy, budget));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Test test = context.getStore(NAMESPACE).remove(Test.class, Test.class);
        if (test == null) {
            return; // beforeEach failed: its error is the test's
        }
        Recording recording = test.recording();
        try {
            recording.close();
        } finally {
            context.getRoot().getStore(NAMESPACE).get(RunningTests.class, RunningTests.class)
                    .threads.remove(Thread.currentThread());
        }
        List<Recording.Group> failing = new ArrayList<>();
        for (Recording.Group group : recording.groups()) {
            if (test.policy().fails(group.first)) {
                failing.add(group);
            }
            context.publishReportEntry("jdbc-guard", Messages.entry(group, test.policy()));
        }
        if (recording.sawNothing()) {
            LOG.info("[jdbc-guard] {} ran no statement through the guard: nothing to check (is its connection a"
                    + " jdbc:guard: one?)", context.getDisplayName());
        }
        List<String> problems = new ArrayList<>();
        if (!failing.isEmpty()) {
            problems.add(Messages.findings(failing, test.policy()));
        }
        if (test.budget() != null) {
            List<Budget.Miss> misses = test.budget().misses(recording.counts());
            if (!misses.isEmpty()) {
                problems.add(Messages.budget(test.budget(), misses, recording));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError(String.join("\n", problems));
        }
    }

    /** The run's policy: the configuration parameter, else the default. */
    private static FailPolicy globalPolicy(ExtensionContext context) {
        Optional<String> configured = context.getConfigurationParameter(FAIL_ON);
        return configured.map(value -> FailPolicy.failOn(Arrays.asList(value.split(",")), "configuration parameter "
                + FAIL_ON)).orElseGet(() -> FailPolicy.failOn(FailPolicy.DEFAULT_FAIL_ON, "default"));
    }

    /** The class's policy: its (or the nearest enclosing class's) failOn over the run's, plus every class's allows. */
    private static FailPolicy classPolicy(Class<?> testClass, ExtensionContext context) {
        FailPolicy policy = null;
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            classes.add(type);
            if (policy == null) {
                policy = declaredFailOn(type);
            }
        }
        policy = policy == null ? globalPolicy(context) : policy;
        for (Class<?> type : classes) {
            policy = withAllows(policy, type);
        }
        return policy;
    }

    private static FailPolicy methodPolicy(Method method, FailPolicy classPolicy) {
        FailPolicy declared = declaredFailOn(method);
        FailPolicy policy = declared == null ? classPolicy : new FailPolicy(declared.warnings(), declared.anyWarn(),
                classPolicy.allowed());
        return withAllows(policy, method);
    }

    private static FailPolicy declaredFailOn(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, JdbcGuardTest.class)
                .filter(annotation -> annotation.failOn().length > 0)
                .map(annotation -> FailPolicy.failOn(List.of(annotation.failOn()),
                        "@JdbcGuardTest(failOn) on " + name(element)))
                .orElse(null);
    }

    private static FailPolicy withAllows(FailPolicy policy, AnnotatedElement element) {
        Optional<AllowFinding> allow = AnnotationSupport.findAnnotation(element, AllowFinding.class);
        return allow.isEmpty() ? policy
                : policy.allowing(List.of(allow.get().value()), "@AllowFinding on " + name(element));
    }

    private static Budget classBudget(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, ExpectStatements.class)
                .map(expect -> Budget.of(expect, name(testClass))).orElse(null);
    }

    private static Budget methodBudget(Method method, Class<?> testClass) {
        return AnnotationSupport.findAnnotation(method, ExpectStatements.class)
                .map(expect -> Budget.of(expect, name(method))).orElseGet(() -> classBudget(testClass));
    }

    private static String name(AnnotatedElement element) {
        return element instanceof Method method ? method.getDeclaringClass().getName() + "." + method.getName() + "()"
                : ((Class<?>) element).getName();
    }
}
