package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.url.Target;
import java.lang.StackWalker.StackFrame;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/**
 * Where the open connections of one engine were opened, for {@code conn.leak}: connections opened from the same
 * stack to the same target share one {@link Site}, whose {@link Throwable} is the opening stack the leak report logs,
 * so an application that opens hundreds of connections from a few places keeps a few stacks instead of one per
 * connection (a {@code Throwable} and its backtrace cost about a kilobyte with a shallow stack, more under a
 * framework).
 *
 * <p>The stack is walked once per connect ({@link StackWalker}, reflection frames included, so that two stacks told
 * apart in the logged trace are told apart here) and compared frame by frame: declaring class, method name and
 * bytecode index. A connection a pool opens (a pool's frame on the stack) gets no site at all: the pool holds it by
 * design, so it is never reported as leaked.
 *
 * <p>Bounded: a site stays in the table only while one of its connections is open, so the table never keeps a
 * stack (and the classes its frames pin) longer than one connection would; and about {@link #MAX_SITES} sites at most
 * are shared at once (connects racing past the bound may each add one). Past that, a connection gets a site of its own, kept by nobody but its lease, as before sites were
 * shared.
 *
 * <p>Thread-safe; connect and close only.
 */
final class OpeningSites {

    /** Distinct opening stacks shared at once; a few kilobytes each under a deep framework stack. */
    static final int MAX_SITES = 256;

    /** Immutable and thread-safe: one for every engine. */
    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES));

    private final ConcurrentMap<Key, Site> shared = new ConcurrentHashMap<>();

    /**
     * The opening site of a connection to {@code target} being opened on this thread, or null when a pool opens it.
     * Give it back with {@link #closed} when the connection closes.
     */
    Site opening(Target target) {
        Key key = WALKER.walk(frames -> Key.of(target, frames));
        if (key == null) {
            return null;
        }
        Site site = shared.computeIfPresent(key, (k, known) -> known.joined());
        if (site != null) {
            return site;
        }
        // made outside the table's lock: the trace starts here, a few guard frames above the caller's
        Site mine = new Site(key, new Throwable("connection to " + target + " opened here"));
        return shared.size() < MAX_SITES ? shared.merge(key, mine, (known, unused) -> known.joined()) : mine;
    }

    /** A connection opened at {@code site} closed: the site leaves the table with the last of its connections. */
    void closed(Site site) {
        shared.computeIfPresent(site.key, (k, known) -> known == site && known.left() ? null : known);
    }

    /** How many sites are shared now. */
    int size() {
        return shared.size();
    }

    /** One opening stack and how many open connections share it; the count is touched under the table's lock only. */
    static final class Site {
        private final Key key;
        private final Throwable stack;
        private int open = 1;

        private Site(Key key, Throwable stack) {
            this.key = key;
            this.stack = stack;
        }

        /** The stack that opened the connections of this site, as the leak report logs it. */
        Throwable stack() {
            return stack;
        }

        private Site joined() {
            open++;
            return this;
        }

        /** Whether the last connection left. */
        private boolean left() {
            return --open == 0;
        }
    }

    /** A target and an opening stack, frame by frame. */
    private static final class Key {
        private final Target target;
        private final Class<?>[] classes;
        private final String[] methods;
        private final int[] bytecodeIndexes;
        private final int hash;

        private Key(Target target, Class<?>[] classes, String[] methods, int[] bytecodeIndexes) {
            this.target = target;
            this.classes = classes;
            this.methods = methods;
            this.bytecodeIndexes = bytecodeIndexes;
            this.hash = 31 * (31 * (31 * target.hashCode() + Arrays.hashCode(classes)) + Arrays.hashCode(methods))
                    + Arrays.hashCode(bytecodeIndexes);
        }

        /** The key of the walked stack, or null when a connection pool's frame is on it. */
        static Key of(Target target, Stream<StackFrame> walked) {
            StackFrame[] frames = walked.toArray(StackFrame[]::new);
            Class<?>[] classes = new Class<?>[frames.length];
            String[] methods = new String[frames.length];
            int[] bytecodeIndexes = new int[frames.length];
            for (int i = 0; i < frames.length; i++) {
                classes[i] = frames[i].getDeclaringClass();
                if (PoolClasses.isPool(classes[i].getName())) {
                    return null;
                }
                methods[i] = frames[i].getMethodName();
                bytecodeIndexes[i] = frames[i].getByteCodeIndex();
            }
            return new Key(target, classes, methods, bytecodeIndexes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && target.equals(key.target)
                    && Arrays.equals(classes, key.classes) && Arrays.equals(bytecodeIndexes, key.bytecodeIndexes)
                    && Arrays.equals(methods, key.methods);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
