package dev.jdbcguard.driver.metrics;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The guards' MXBeans in the platform MBeanServer, for tests. An engine registers its MXBean on a thread of its own
 * just after it starts ({@link GuardMetrics}), so a test that looks one up right after its first connect waits for it
 * (at most {@value #PATIENCE_MILLIS} ms) instead of racing the registration.
 */
public final class GuardBeans {

    private static final long PATIENCE_MILLIS = 10_000;
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private GuardBeans() {
    }

    /** The MXBean of the guard named {@code guard} (its {@code Name} attribute), waited for. */
    public static ObjectName named(String guard) {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (true) {
            for (ObjectName name : all()) {
                if (guard.equals(attribute(name, "Name"))) {
                    return name;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no jdbc-guard MXBean named " + guard + " after " + PATIENCE_MILLIS + " ms; there are "
                        + all());
            }
            pause();
        }
    }

    /** A typed view of the MXBean of the guard named {@code guard}, waited for. */
    public static GuardMXBean view(String guard) {
        return JMX.newMXBeanProxy(SERVER, named(guard), GuardMXBean.class);
    }

    /** Waits until exactly {@code count} guard MXBeans are registered; false if that did not happen in time. */
    public static boolean awaitCount(int count) {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (all().size() != count) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Every guard MXBean registered now. */
    public static Set<ObjectName> all() {
        try {
            return SERVER.queryNames(new ObjectName(GuardMetrics.JMX_DOMAIN + ":type=Guard,*"), null);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One attribute of {@code name}; a bean unregistered meanwhile gives null. */
    public static Object attribute(ObjectName name, String attribute) {
        try {
            return SERVER.getAttribute(name, attribute);
        } catch (javax.management.InstanceNotFoundException gone) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a jdbc-guard MXBean", e);
        }
    }
}
