package dev.jdbcguard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listener {@code src/test/service-listener/META-INF/services/dev.jdbcguard.FindingListener} declares: the guard
 * makes it with {@link java.util.ServiceLoader}, so the test reaches what it received through this class. That
 * directory is on the class path of the {@code service-declared-listener} test run only (driver/pom.xml), so no
 * other test runs with a JVM-wide listener it did not ask for.
 */
public final class DeclaredFindingListener implements FindingListener {

    static final List<Finding> RECEIVED = new CopyOnWriteArrayList<>();
    static final List<DeclaredFindingListener> MADE = new CopyOnWriteArrayList<>();

    public DeclaredFindingListener() {
        MADE.add(this);
    }

    @Override
    public void onFinding(Finding finding) {
        RECEIVED.add(finding);
    }
}
