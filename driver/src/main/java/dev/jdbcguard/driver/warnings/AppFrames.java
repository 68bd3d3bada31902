package dev.jdbcguard.driver.warnings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the first frame of application code on the current stack: the line a developer should
 * open to fix what a warning reports.
 *
 * <p>A frame is skipped when its class name starts with one of the {@linkplain #DEFAULT_SKIPPED
 * skipped prefixes} (JDK, JDBC, pools, ORMs and frameworks, drivers, proxies, the guard itself) or
 * contains one of the {@linkplain #GENERATED_MARKERS markers of generated classes} (CGLIB and Byte
 * Buddy subclasses, JDK proxies). Applications add their own data-access layers with
 * {@link #alsoSkipping}; a prefix is matched literally, so end a package with a dot.
 *
 * <p>Cost: one {@link StackWalker} walk that stops at the first application frame, and one string
 * for the result. Call it only when the line will be logged. Instances are immutable and
 * thread-safe.
 */
public final class AppFrames implements FrameLocator {

    /**
     * Class-name prefixes that are never "the application". The one definition of the skip list;
     * README and Javadoc point here.
     */
    public static final List<String> DEFAULT_SKIPPED = List.of(
            // The JDK, including java.sql/javax.sql, reflection and java.lang.reflect.Proxy classes.
            "java.", "javax.", "jdk.", "sun.", "com.sun.",
            // The guard itself.
            "dev.jdbcguard.",
            // Connection pools.
            "com.zaxxer.hikari.", "org.apache.commons.dbcp.", "org.apache.commons.dbcp2.",
            "org.apache.commons.pool2.", "org.apache.tomcat.jdbc.", "org.apache.tomcat.dbcp.",
            "com.mchange.", "com.alibaba.druid.", "org.vibur.", "io.agroal.",
            // ORMs, SQL mappers, migration tools and the framework layers around them.
            "org.hibernate.", "jakarta.persistence.", "org.eclipse.persistence.",
            "org.springframework.jdbc.", "org.springframework.orm.", "org.springframework.transaction.",
            "org.springframework.dao.", "org.springframework.data.", "org.springframework.aop.",
            "org.springframework.cglib.",
            // Spring's caching proxy runs the repository call for a @Cacheable method (PetClinic's VetController).
            "org.springframework.cache.",
            "org.jooq.", "org.mybatis.", "org.apache.ibatis.",
            "org.jdbi.", "io.ebean.", "com.querydsl.", "org.sql2o.", "org.apache.commons.dbutils.",
            "org.flywaydb.", "liquibase.",
            // Drivers and other JDBC proxies.
            "com.mysql.", "org.mariadb.", "com.p6spy.", "net.ttddyy.dsproxy.", "net.bytebuddy.");

    /** Substrings that mark a generated class (a proxy or subclass standing in for the real one). */
    public static final List<String> GENERATED_MARKERS = List.of("$$", "$ByteBuddy$", "$HibernateProxy$", "$Proxy");

    private static final AppFrames DEFAULTS = new AppFrames(DEFAULT_SKIPPED);

    private final String[] skipped;
    private final String[] markers = GENERATED_MARKERS.toArray(String[]::new);
    private final StackWalker walker = StackWalker.getInstance();

    private AppFrames(List<String> skipped) {
        this.skipped = skipped.toArray(String[]::new);
    }

    /** The default skip list, {@link #DEFAULT_SKIPPED}. */
    public static AppFrames defaults() {
        return DEFAULTS;
    }

    /**
     * This skip list plus {@code prefixes}, e.g. the application's own DAO helper package
     * {@code "com.acme.db."}. Blank entries are ignored, so a comma-split setting can be passed as is.
     */
    public AppFrames alsoSkipping(List<String> prefixes) {
        List<String> all = new ArrayList<>(Arrays.asList(skipped));
        for (String prefix : prefixes) {
            String trimmed = prefix.strip();
            if (!trimmed.isEmpty()) {
                all.add(trimmed);
            }
        }
        return new AppFrames(all);
    }

    /** True when a frame of {@code className} is application code, i.e. not skipped. */
    public boolean isApplication(String className) {
        for (String prefix : skipped) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        for (String marker : markers) {
            if (className.contains(marker)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String locate() {
        Optional<StackWalker.StackFrame> frame =
                walker.walk(frames -> frames.filter(f -> isApplication(f.getClassName())).findFirst());
        return frame.map(f -> format(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber(),
                f.isNativeMethod())).orElse(null);
    }

    @Override
    public String locate(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (isApplication(frame.getClassName())) {
                return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber(),
                        frame.isNativeMethod());
            }
        }
        return null;
    }

    /** As a stack trace prints it, without the module or class loader prefix. */
    private static String format(String className, String method, String file, int line, boolean nativeMethod) {
        StringBuilder text = new StringBuilder(96).append(className).append('.').append(method).append('(');
        if (nativeMethod) {
            text.append("Native Method");
        } else if (file == null) {
            text.append("Unknown Source");
        } else {
            text.append(file);
            if (line >= 0) {
                text.append(':').append(line);
            }
        }
        return text.append(')').toString();
    }
}
