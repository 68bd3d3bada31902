package dev.jdbcguard.junit;

/**
 * Finds the test's own line in a stack: the outermost frame of the test class (or of a class nested in it, such as
 * an anonymous class; lambdas are the class's own methods), which is the line of the test method itself (or of a
 * lifecycle method), not of a helper the test calls. For a {@code @Nested} test that is the nested class.
 */
final class TestFrames {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private final String testClass;
    private final String nestedPrefix;

    private TestFrames(String testClass) {
        this.testClass = testClass;
        this.nestedPrefix = testClass + "$";
    }

    /** The frames of {@code testClass} and of the classes nested in it. */
    static TestFrames of(Class<?> testClass) {
        return new TestFrames(testClass.getName());
    }

    /** The test's outermost frame on the current thread, as {@code Class.method(File.java:line)}; null when none. */
    String onThisThread() {
        return WALKER.walk(frames -> frames.filter(frame -> owns(frame.getClassName())).reduce((inner, outer) -> outer)
                .map(TestFrames::format).orElse(null));
    }

    private boolean owns(String className) {
        return className.equals(testClass) || className.startsWith(nestedPrefix);
    }

    private static String format(StackWalker.StackFrame frame) {
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        return frame.getClassName() + "." + frame.getMethodName() + "("
                + (file == null ? "Unknown Source" : line > 0 ? file + ":" + line : file) + ")";
    }
}
