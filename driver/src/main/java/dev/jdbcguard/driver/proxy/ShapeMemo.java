package dev.jdbcguard.driver.proxy;

/**
 * One connection's memo of the proxy constructor for the last delegate class it wrapped, in front
 * of the factory's {@link ClassValue}: a connection's target driver hands out one statement class
 * and one result set class, so every wrap after the first is answered here.
 *
 * <p>Why not the {@code ClassValue} alone: its lookup walks the class's value map, its cache array,
 * a weak entry and a version (six dependent loads); after each wait on the socket those lines are
 * cold, and end to end that lookup was a third of the guard's own CPU samples. This memo is two
 * loads from objects the connection touches on every execution.
 *
 * <p>A connection is used by one thread at a time; if two threads share one anyway, the memo holds
 * an immutable pair replaced whole, so a race costs a lookup, never a wrong constructor.
 */
final class ShapeMemo {

    private final ClassValue<ProxyConstructor> shapes;
    private Known last;

    private record Known(Class<?> type, ProxyConstructor constructor) {
    }

    ShapeMemo(ClassValue<ProxyConstructor> shapes) {
        this.shapes = shapes;
    }

    /** The constructor of the proxy class for delegates of {@code type}. */
    ProxyConstructor constructorFor(Class<?> type) {
        Known known = last;
        if (known == null || known.type != type) {
            known = new Known(type, shapes.get(type));
            last = known;
        }
        return known.constructor;
    }
}
