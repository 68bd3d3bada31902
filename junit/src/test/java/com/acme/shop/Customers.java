package com.acme.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Application code under test, outside the guard's packages (whose frames the guard's caller search skips). */
public final class Customers {

    private Customers() {
    }

    /** Twenty selects by id in one transaction: what an ORM's lazy loading does. */
    public static void loadEachOnItsOwn(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM jg_customers WHERE id = ?")) {
            for (int id = 1; id <= 20; id++) {
                select.setInt(1, id);
                try (ResultSet r = select.executeQuery()) { // the N+1: one round trip per customer
                    r.next();
                }
            }
        }
        connection.commit();
    }
}
