package dev.jdbcguard.driver.warnings;

/**
 * Finds the caller a warning should point at. {@link AppFrames} is the implementation; the
 * reporter takes this interface so that whether (and how often) the stack is walked is observable.
 */
@FunctionalInterface
interface FrameLocator {

    /**
     * The first application frame of the current thread's stack, formatted as in a stack trace
     * ({@code com.acme.OrderRepo.purge(OrderRepo.java:42)}), or {@code null} when every frame
     * belongs to code the locator skips (e.g. a background thread of the guard).
     */
    String locate();

    /**
     * The first application frame of {@code stack} (another thread's, or where something was opened), formatted
     * as {@link #locate()} does, or {@code null}. By default none: a locator that knows no application says so.
     */
    default String locate(StackTraceElement[] stack) {
        return null;
    }
}
