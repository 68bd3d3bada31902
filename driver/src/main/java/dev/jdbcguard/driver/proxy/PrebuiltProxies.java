package dev.jdbcguard.driver.proxy;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Run by the build (the {@code process-classes} phase), not by applications: generates the proxy classes of the target
 * drivers the guard knows, Connector/J and MariaDB Connector/J in the versions it is built against, into the class
 * directory, so that they ship in the jar. At run time {@link ProxyFactory} loads a prebuilt class by its name instead
 * of generating it, which keeps Byte Buddy (about 900 classes, half of a first connect's time) out of the JVM; any
 * other driver, another version of these drivers' interfaces or another JDK's {@code java.sql} gets a class generated
 * as before (the name holds a hash of every method the proxy implements).
 */
public final class PrebuiltProxies {

    /** The classes these drivers hand out for each JDBC object the guard wraps. */
    static final List<String> DELEGATES = List.of(
            "com.mysql.cj.jdbc.ConnectionImpl",
            "com.mysql.cj.jdbc.StatementImpl",
            "com.mysql.cj.jdbc.ClientPreparedStatement",
            "com.mysql.cj.jdbc.ServerPreparedStatement",
            "com.mysql.cj.jdbc.CallableStatement",
            "com.mysql.cj.jdbc.DatabaseMetaData",
            "com.mysql.cj.jdbc.DatabaseMetaDataInformationSchema",
            "com.mysql.cj.jdbc.DatabaseMetaDataMysqlSchema",
            "com.mysql.cj.jdbc.result.ResultSetImpl",
            "com.mysql.cj.jdbc.result.UpdatableResultSet",
            "org.mariadb.jdbc.Connection",
            "org.mariadb.jdbc.Statement",
            "org.mariadb.jdbc.ClientPreparedStatement",
            "org.mariadb.jdbc.ServerPreparedStatement",
            "org.mariadb.jdbc.ProcedureStatement",
            "org.mariadb.jdbc.FunctionStatement",
            "org.mariadb.jdbc.DatabaseMetaData",
            "org.mariadb.jdbc.client.result.CompleteResult",
            "org.mariadb.jdbc.client.result.StreamingResult",
            "org.mariadb.jdbc.client.result.UpdatableResult");

    private PrebuiltProxies() {
    }

    /** @param args the class directory to write into */
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        File classes = new File(args[0]);
        ProxyFactory factory = new ProxyFactory();
        for (String delegate : DELEGATES) {
            // not initialized: Connector/J's driver class starts a cleanup thread when it is
            factory.prebuild(Class.forName(delegate, false, PrebuiltProxies.class.getClassLoader()), classes);
        }
    }
}
