import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Checks the packaged, shaded driver jar outside Maven's test classpath (Surefire runs before
 * packaging, so no unit test can). Run with the single-file source launcher:
 *
 * <pre>
 * java -cp driver/target/jdbc-guard-0.1.0-SNAPSHOT.jar:mysql-connector-j.jar:slf4j-api.jar[:another-byte-buddy.jar] \
 *     driver/src/test/shaded/ShadedJarCheck.java 'jdbc:guard:mysql://127.0.0.1:3306/db' user password
 * </pre>
 *
 * It proves that the jar registers the driver through its service file, that Byte Buddy inside it
 * is relocated (so an application's own Byte Buddy, e.g. Hibernate's, is a different class), and
 * that proxies are generated after relocation, including the Connector/J vendor interfaces.
 * Exits non-zero on the first failed check.
 */
public class ShadedJarCheck {

    public static void main(String[] args) throws Exception {
        ClassLoader loader = ShadedJarCheck.class.getClassLoader();
        Class<?> relocated = Class.forName("dev.jdbcguard.shaded.bytebuddy.ByteBuddy", false, loader);
        check(relocated.getProtectionDomain().getCodeSource().getLocation().getPath().endsWith(".jar"),
                "relocated Byte Buddy comes from the driver jar");
        try {
            Class<?> other = Class.forName("net.bytebuddy.ByteBuddy", false, loader);
            check(!other.getProtectionDomain().getCodeSource().equals(relocated.getProtectionDomain().getCodeSource()),
                    "the application's own net.bytebuddy (" + other.getProtectionDomain().getCodeSource().getLocation()
                            + ") is not the driver's");
        } catch (ClassNotFoundException expected) {
            System.out.println("ok: no net.bytebuddy on the classpath; the driver needs none");
        }
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            check(connection.getClass().getSuperclass().getName().equals("dev.jdbcguard.driver.proxy.GuardConnection"),
                    "DriverManager returned a generated guard proxy: " + connection.getClass().getName());
            Class<?> vendor = Class.forName("com.mysql.cj.jdbc.JdbcConnection", false, loader);
            check(vendor.isInstance(connection), "the proxy implements com.mysql.cj.jdbc.JdbcConnection");
            try (PreparedStatement statement = connection.prepareStatement("SELECT ? + 1")) {
                statement.setInt(1, 41);
                try (ResultSet result = statement.executeQuery()) {
                    check(result.next() && result.getInt(1) == 42, "a prepared round trip through the proxies");
                    check(result.getStatement() == statement, "resultSet.getStatement() is the statement proxy");
                }
            }
        }
        System.out.println("shaded jar check passed");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            System.err.println("FAILED: " + what);
            System.exit(1);
        }
        System.out.println("ok: " + what);
    }
}
