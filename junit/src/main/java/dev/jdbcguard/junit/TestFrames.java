package dev.jdbcguard.junit;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the test's own line in a stack: the innermost frame of the test class, its nested classes and lambdas, or
 * the classes enclosing it ({@code @Nested}).
 */
final class TestFrames {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private final Set<String> classes;

    private TestFrames(Set<String> classes) {
        this.classes = classes;
    }

    /** The frames of {@code testClass} and of every class enclosing it. */
    static TestFrames of(Class<?> testClass) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            names.add(type.getName());
        }
        return new TestFrames(Set.copyOf(names));
    }

    /** The test's innermost frame on the current thread, as {@code Class.method(File.java:line)}; null when none. */
    String onThisThread() {
        return WALKER.walk(frames -> frames.filter(frame -> owns(frame.getClassName())).findFirst()
                .map(TestFrames::format).orElse(null));
    }

    private boolean owns(String className) {
        if (classes.contains(className)) {
            return true;
        }
        int nested = className.indexOf('$');
        return nested > 0 && classes.contains(className.substring(0, nested));
    }

    private static String format(StackWalker.StackFrame frame) {
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        return frame.getClassName() + "." + frame.getMethodName() + "("
                + (file == null ? "Unknown Source" : line > 0 ? file + ":" + line : file) + ")";
    }
}
