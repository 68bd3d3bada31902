package dev.jdbcguard.driver.metrics;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;
import javax.management.MBeanServer;

/** Loaded by {@link MicrometerAbsentTest} in a class loader without Micrometer; reports what it saw. */
public final class AbsentMicrometerProbe implements Callable<String> {

    @Override
    public String call() throws Exception {
        String micrometer;
        try {
            Class.forName(GuardMetrics.MICROMETER_PROBE, false, getClass().getClassLoader());
            micrometer = "micrometer visible";
        } catch (ClassNotFoundException expected) {
            micrometer = "micrometer absent";
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        GuardMetrics metrics = GuardMetrics.start("no-micrometer", List.of("dml.no-where"), true);
        boolean registered;
        try {
            metrics.finding("dml.no-where", false);
            metrics.target("db", 3306, "shop").openTimings().record(10);
            registered = server.isRegistered(metrics.objectName());
        } finally {
            metrics.close();
        }
        return micrometer + "; warn findings " + metrics.getWarnFindings() + "; registered " + registered
                + "; unregistered " + !server.isRegistered(metrics.objectName());
    }
}
