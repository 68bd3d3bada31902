package dev.jdbcguard.driver.mariadb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.mariadb.jdbc.BasePreparedStatement;
import org.mariadb.jdbc.client.Context;
import org.mariadb.jdbc.client.util.Parameter;
import org.mariadb.jdbc.client.util.Parameters;

/**
 * Reads the values bound to a MariaDB Connector/J prepared statement. The driver keeps them in a protected
 * field ({@code BasePreparedStatement.parameters}) with no public getter, so the field is read through a
 * private lookup. That works where the driver's package is open to the guard (both on the class path, as
 * usual); elsewhere, or if a later driver version renames the field, no values are read and such
 * statements are not EXPLAINed, as before. Each value is taken as the driver's own SQL text for it
 * ({@code Parameter.bestEffortStringValue}), which the plan package checks is one literal.
 *
 * <p>Loaded only after {@link MariaDbObjects#isMariaDb} said yes. Cold path: once per new statement shape.
 */
final class MariaDb {

    /** The bindings field, or null when it cannot be read. */
    private static final VarHandle PARAMETERS = parametersField();

    private MariaDb() {
    }

    static List<Object> boundValues(PreparedStatement statement) throws SQLException {
        if (PARAMETERS == null || !statement.isWrapperFor(BasePreparedStatement.class)) {
            return null;
        }
        BasePreparedStatement prepared = statement.unwrap(BasePreparedStatement.class);
        Parameters parameters = (Parameters) PARAMETERS.get(prepared);
        if (parameters == null) {
            return null;
        }
        Context context = prepared.getConnection().getContext();
        List<Object> values = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            if (parameter == null) {
                return null;
            }
            values.add(parameter.isNull() ? null : new RenderedLiteral(parameter.bestEffortStringValue(context)));
        }
        return values;
    }

    private static VarHandle parametersField() {
        try {
            return MethodHandles.privateLookupIn(BasePreparedStatement.class, MethodHandles.lookup())
                    .findVarHandle(BasePreparedStatement.class, "parameters", Parameters.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
