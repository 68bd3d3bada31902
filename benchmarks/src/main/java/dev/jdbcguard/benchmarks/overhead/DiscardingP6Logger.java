package dev.jdbcguard.benchmarks.overhead;

import com.p6spy.engine.logging.Category;
import com.p6spy.engine.spy.appender.FormattedLogger;

/**
 * A p6spy appender that formats every message as a real one would and then drops it, so the benchmark measures
 * p6spy's logging pipeline without the cost of a file or console. Every category is enabled; which ones reach
 * it is p6spy's default {@code excludecategories} (statements and commits, not result sets or batches).
 */
public final class DiscardingP6Logger extends FormattedLogger {

    // A volatile write keeps the JIT from eliminating the formatting as dead code.
    private volatile String lastMessage;

    @Override
    public void logText(String text) {
        lastMessage = text;
    }

    @Override
    public void logException(Exception e) {
        lastMessage = e.toString();
    }

    /** The last message formatted (tests check that logging really happened). */
    String lastMessage() {
        return lastMessage;
    }

    @Override
    public boolean isCategoryEnabled(Category category) {
        return true;
    }
}
