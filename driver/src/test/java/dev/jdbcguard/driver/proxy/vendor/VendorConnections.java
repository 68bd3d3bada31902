package dev.jdbcguard.driver.proxy.vendor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * Gives a real connection an extra vendor interface the guard cannot delegate to (test): a
 * stand-in for a driver whose public interface extends a package-private one.
 */
public final class VendorConnections {

    private VendorConnections() {
    }

    public static Connection withHiddenInterface(Connection real) {
        return (Connection) Proxy.newProxyInstance(VendorConnections.class.getClassLoader(), new Class<?>[] {Connection.class, Exposed.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("secret")) {
                        return "vendor secret";
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Calls the package-private method from inside its package, as the vendor's own code would. */
    public static String secretOf(Object exposed) {
        return ((Hidden) exposed).secret();
    }
}
