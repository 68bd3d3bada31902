package dev.jdbcguard.driver.metrics;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one guard instance (a driver or a data source): findings per rule and action,
 * connection gauges and statement timings per target.
 *
 * <p><b>JMX, always.</b> {@link #start} registers this object as an MXBean
 * {@code dev.jdbcguard:type=Guard,name=<name>}; when the name is taken in that MBeanServer (two
 * guards, two class loaders) {@code -2}, {@code -3}, ... is appended. {@link #close()} unregisters it.
 * The registration runs on a short-lived daemon thread of its own, so the first connection does not
 * wait for it: the first call of {@link ManagementFactory#getPlatformMBeanServer()} in a JVM creates
 * every platform MXBean (about 200 classes, 60-100 ms of a fresh JVM's start-up, issue 15). The
 * counters count from the start; JMX clients see the MXBean a moment after the first connect, and
 * {@link #objectName()}, {@link #getName()} and {@link #close()} wait for the registration.
 *
 * <p><b>Micrometer, when present.</b> With {@code bindGlobalRegistry}, and when
 * {@code io.micrometer.core.instrument.Metrics} is visible to the guard's class loader, the meters
 * are bound to {@code Metrics.globalRegistry} (Spring Boot adds its registry there by default,
 * {@code management.metrics.use-global-registry=true}). Applications that prefer their own
 * registry bind {@code new MicrometerMeters(metrics)} themselves, e.g. as a Spring
 * {@code MeterBinder} bean. Micrometer classes are only touched by {@link MicrometerMeters}, which
 * is loaded after the presence check: without Micrometer nothing fails.
 *
 * <p><b>Cost.</b> {@link #finding} is a map lookup and an increment; a {@link RuleCounter} kept by
 * the caller is the increment alone. A connection's {@link StatementTimings#record} is three plain
 * field updates. None allocates once the rule or target is known.
 */
public final class GuardMetrics implements GuardMXBean, AutoCloseable {

    public static final String JMX_DOMAIN = "dev.jdbcguard";
    static final String MICROMETER_PROBE = "io.micrometer.core.instrument.Metrics";
    static final String MICROMETER_METERS = "dev.jdbcguard.driver.metrics.MicrometerMeters";

    private static final Logger LOG = LoggerFactory.getLogger("jdbcguard.metrics");

    private final ConcurrentHashMap<String, RuleCounter> rules = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TargetMetrics> targets = new ConcurrentHashMap<>();
    private final List<MeterListener> listeners = new CopyOnWriteArrayList<>();
    /** Opened once the registration thread has settled the name, registered or not. */
    private final CountDownLatch named = new CountDownLatch(1);
    /** Opened once the registration thread is done: the name, then the Micrometer binding. */
    private final CountDownLatch registration = new CountDownLatch(1);
    private volatile MBeanServer server;
    private volatile String name;
    private volatile ObjectName objectName;
    private volatile AutoCloseable globalBinding;

    private GuardMetrics(String name, Collection<String> ruleIds) {
        this.name = name;
        for (String ruleId : ruleIds) {
            rules.put(ruleId, new RuleCounter(ruleId));
        }
    }

    /**
     * Starts the metrics of one guard instance on the platform MBeanServer.
     *
     * @param name               requested JMX name, e.g. the data source's name; made unique
     * @param ruleIds            every rule id known now, so their counters exist (at 0) from the start
     * @param bindGlobalRegistry bind to Micrometer's global registry when Micrometer is present
     */
    public static GuardMetrics start(String name, Collection<String> ruleIds, boolean bindGlobalRegistry) {
        return start(name, ruleIds, ManagementFactory::getPlatformMBeanServer, bindGlobalRegistry);
    }

    static GuardMetrics start(String name, Collection<String> ruleIds, Supplier<MBeanServer> server,
                              boolean bindGlobalRegistry) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metrics name must not be blank");
        }
        GuardMetrics metrics = new GuardMetrics(name.strip(), ruleIds);
        Thread registrar = new Thread(() -> metrics.registerAndBind(server, bindGlobalRegistry),
                "jdbc-guard jmx " + metrics.name);
        registrar.setDaemon(true);
        registrar.start();
        return metrics;
    }

    /** On the registration thread: the MXBean first, then the Micrometer meters, which are tagged with its name. */
    private void registerAndBind(Supplier<MBeanServer> platform, boolean bindGlobalRegistry) {
        try {
            try {
                server = platform.get();
                register(name);
            } catch (RuntimeException | LinkageError e) { // LinkageError: a runtime image without java.management
                objectName = null;
                LOG.warn("[jdbc-guard] the guard's metrics {} are not in JMX: {}", name, e.toString());
            } finally {
                named.countDown(); // before the binding, which tags its meters with getName()
            }
            if (bindGlobalRegistry) {
                globalBinding = bindGlobalRegistryIfPresent(this);
            }
        } finally {
            registration.countDown();
        }
    }

    /** Counts one finding of {@code ruleId}; {@code blocked} when its action was block, else warn. */
    public void finding(String ruleId, boolean blocked) {
        RuleCounter counter = counter(ruleId);
        if (blocked) {
            counter.blocked();
        } else {
            counter.warned();
        }
    }

    /** Counts a block observe mode let through ({@code guard.mode=observe}). */
    public void wouldBlock(String ruleId) {
        counter(ruleId).wouldBlock();
    }

    /** Counts a finding an {@code allow:} entry accepted, so it was not reported. */
    public void allowed(String ruleId) {
        counter(ruleId).allowed();
    }

    /** The counter of {@code ruleId}, created (and bound to registries) the first time it is asked for. */
    public RuleCounter counter(String ruleId) {
        return getOrAdd(rules, ruleId, RuleCounter::new, MeterListener::ruleAdded);
    }

    /**
     * The metrics of one target, created the first time it is asked for; keep it with the target.
     * Built from host, port and database only, see {@link TargetMetrics#describe}.
     */
    public TargetMetrics target(String host, int port, String database) {
        return getOrAdd(targets, TargetMetrics.describe(host, port, database), TargetMetrics::new,
                MeterListener::targetAdded);
    }

    /** The value for {@code key}; a new one is announced to the listeners (outside any map lock). */
    private <V> V getOrAdd(ConcurrentHashMap<String, V> map, String key, Function<String, V> create,
                           BiConsumer<MeterListener, V> announce) {
        V existing = map.get(key);
        if (existing != null) {
            return existing;
        }
        V created = create.apply(key);
        V raced = map.putIfAbsent(key, created);
        if (raced != null) {
            return raced;
        }
        listeners.forEach(listener -> announce.accept(listener, created));
        return created;
    }

    /** The JMX name this instance is registered under (null if the registration failed, see the log). */
    public ObjectName objectName() {
        await(named);
        return objectName;
    }

    /** The name made unique in the MBeanServer (the requested one if the registration failed). */
    @Override
    public String getName() {
        await(named);
        return name;
    }

    @Override
    public Map<String, Long> getWarnFindings() {
        return findings(RuleCounter::warnCount);
    }

    @Override
    public Map<String, Long> getBlockFindings() {
        return findings(RuleCounter::blockCount);
    }

    @Override
    public Map<String, Long> getWouldBlockFindings() {
        return findings(RuleCounter::wouldBlockCount);
    }

    @Override
    public Map<String, Long> getAllowedFindings() {
        return findings(RuleCounter::allowedCount);
    }

    @Override
    public List<TargetStats> getTargets() {
        return targets.values().stream().map(TargetStats::of).toList();
    }

    Collection<RuleCounter> ruleCounters() {
        return rules.values();
    }

    Collection<TargetMetrics> targetMetrics() {
        return targets.values();
    }

    void addListener(MeterListener listener) {
        listeners.add(listener);
    }

    void removeListener(MeterListener listener) {
        listeners.remove(listener);
    }

    /** Unregisters the MXBean and removes the meters bound to the global registry. Idempotent. */
    @Override
    public void close() {
        awaitRegistration();
        AutoCloseable binding = globalBinding;
        globalBinding = null;
        if (binding != null) {
            try {
                binding.close();
            } catch (Exception e) {
                LOG.warn("[jdbc-guard] could not remove the Micrometer meters of {}: {}", name, e.toString());
            }
        }
        if (objectName == null) {
            return; // never registered
        }
        try {
            server.unregisterMBean(objectName);
        } catch (InstanceNotFoundException alreadyGone) {
            // closed before, or unregistered by someone else: nothing left to do
        } catch (JMException e) {
            LOG.warn("[jdbc-guard] could not unregister {}: {}", objectName, e.toString());
        }
    }

    private Map<String, Long> findings(ToLongFunction<RuleCounter> count) {
        Map<String, Long> byRule = new TreeMap<>();
        rules.values().forEach(counter -> byRule.put(counter.ruleId(), count.applyAsLong(counter)));
        return byRule;
    }

    /** Waits until the registration thread is done (the MXBean, then the Micrometer binding). */
    void awaitRegistration() {
        await(registration);
    }

    /** Waits for {@code latch}; an interrupt is kept for the caller, after the wait. */
    private static void await(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void register(String requested) {
        for (int attempt = 1; ; attempt++) {
            String candidate = attempt == 1 ? requested : requested + "-" + attempt;
            try {
                ObjectName candidateName = objectName(candidate);
                name = candidate;
                objectName = candidateName;
                server.registerMBean(this, candidateName);
                return;
            } catch (InstanceAlreadyExistsException taken) {
                // another guard has this name in this MBeanServer: try the next suffix
            } catch (JMException e) {
                throw new IllegalStateException("cannot register the jdbc-guard MXBean " + candidate, e);
            }
        }
    }

    static ObjectName objectName(String name) throws JMException {
        boolean plain = name.chars().noneMatch(c -> ",=:\"*?\\\n".indexOf(c) >= 0);
        return new ObjectName(JMX_DOMAIN + ":type=Guard,name=" + (plain ? name : ObjectName.quote(name)));
    }

    /** Binds through {@value #MICROMETER_METERS} only after checking that Micrometer is there. */
    private static AutoCloseable bindGlobalRegistryIfPresent(GuardMetrics metrics) {
        ClassLoader loader = GuardMetrics.class.getClassLoader();
        try {
            Class.forName(MICROMETER_PROBE, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        try {
            Class<?> binder = Class.forName(MICROMETER_METERS, true, loader);
            MethodHandle bind = MethodHandles.lookup().findStatic(binder, "bindToGlobalRegistry",
                    MethodType.methodType(AutoCloseable.class, GuardMetrics.class));
            return (AutoCloseable) bind.invoke(metrics);
        } catch (Throwable e) {
            LOG.warn("[jdbc-guard] Micrometer is present but the guard's meters could not be bound: {}", e.toString());
            return null;
        }
    }
}
