package dev.jdbcguard.driver.proxy;

/**
 * Makes instances of one generated proxy class: its only implementation, generated next to each
 * proxy class by {@link ProxyFactory}, is {@code return new GeneratedProxy(a, b, ...)} with the
 * arguments cast to the constructor's types (unused trailing ones ignored). Each factory method
 * calls it at its own call site, which sees one implementation per target driver, so C2 inlines
 * it and the {@code new} becomes visible to escape analysis (a {@code MethodHandle} held in a
 * field is not a constant and is never inlined).
 *
 * <p>Public only because the generated class lives in another class loader, hence another runtime
 * package; applications have no use for it.
 */
public interface ProxyConstructor {

    /** A new proxy; constructors only store fields, so nothing is thrown. */
    Object make(Object a, Object b, Object c, Object d);
}
