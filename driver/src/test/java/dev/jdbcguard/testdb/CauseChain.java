package dev.jdbcguard.testdb;

/** What a framework's exception says, wrappers included: frameworks wrap the driver's exception in their own. */
public final class CauseChain {

    private CauseChain() {
    }

    /** Every message of {@code thrown} and its causes, one per line (empty for null). */
    public static String messages(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
