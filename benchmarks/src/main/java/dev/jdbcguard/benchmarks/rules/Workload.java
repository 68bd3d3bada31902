package dev.jdbcguard.benchmarks.rules;

/**
 * Statements as applications send them, grouped by the kind of work, for the rule engine benchmarks. Each
 * group holds a few different texts so a benchmark cycles through several cache entries, not one.
 */
public enum Workload {

    /** Short OLTP reads by key, as hand-written DAOs send them. */
    OLTP_SELECT(
            "SELECT id, name, balance FROM account WHERE id = ?",
            "SELECT id, email, display_name, created_at FROM users WHERE email = ? LIMIT 1",
            "SELECT COUNT(*) FROM orders WHERE customer_id = ? AND status = 'OPEN'",
            "SELECT o.id, o.total FROM orders o WHERE o.customer_id = ? ORDER BY o.created_at DESC LIMIT 20"),

    /** Writes: inserts, and updates/deletes by key. */
    INSERT(
            "INSERT INTO orders (customer_id, status, total, created_at) VALUES (?, ?, ?, NOW())",
            "INSERT INTO audit_log (actor_id, action, detail, created_at) VALUES (?, 'login', ?, CURRENT_TIMESTAMP)",
            "INSERT INTO order_line (order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
            "UPDATE account SET balance = balance - ? WHERE id = ? AND balance >= ?"),

    /** Long selects as an ORM (Hibernate 6 style aliases) generates them: many columns, several joins. */
    ORM_SELECT(
            "select o1_0.id,o1_0.created_at,o1_0.currency,o1_0.customer_id,c1_0.id,c1_0.created_at,c1_0.email,"
                    + "c1_0.first_name,c1_0.last_name,c1_0.phone,c1_0.segment,c1_0.updated_at,o1_0.discount,"
                    + "o1_0.note,o1_0.placed_at,o1_0.shipping_address_id,sa1_0.id,sa1_0.city,sa1_0.country,"
                    + "sa1_0.line1,sa1_0.line2,sa1_0.postal_code,sa1_0.region,o1_0.status,o1_0.total,"
                    + "o1_0.updated_at,o1_0.version,p1_0.id,p1_0.amount,p1_0.method,p1_0.paid_at,p1_0.reference,"
                    + "p1_0.status from orders o1_0 join customer c1_0 on c1_0.id=o1_0.customer_id "
                    + "left join address sa1_0 on sa1_0.id=o1_0.shipping_address_id "
                    + "left join payment p1_0 on p1_0.order_id=o1_0.id "
                    + "left join shipment s1_0 on s1_0.order_id=o1_0.id "
                    + "left join warehouse w1_0 on w1_0.id=s1_0.warehouse_id "
                    + "where o1_0.status=? and c1_0.segment=? and o1_0.placed_at>=? "
                    + "order by o1_0.placed_at desc limit ?",
            "select p1_0.id,p1_0.category_id,c1_0.id,c1_0.name,c1_0.parent_id,p1_0.created_at,p1_0.description,"
                    + "p1_0.list_price,p1_0.name,p1_0.sku,p1_0.updated_at,p1_0.version,i1_0.product_id,"
                    + "i1_0.warehouse_id,i1_0.on_hand,i1_0.reserved,w1_0.id,w1_0.city,w1_0.code "
                    + "from product p1_0 join category c1_0 on c1_0.id=p1_0.category_id "
                    + "left join inventory i1_0 on i1_0.product_id=p1_0.id "
                    + "left join warehouse w1_0 on w1_0.id=i1_0.warehouse_id "
                    + "where p1_0.id in (?,?,?,?,?,?,?,?,?,?) and (p1_0.deleted_at is null) "
                    + "and exists(select 1 from price_rule r1_0 where r1_0.product_id=p1_0.id and r1_0.active=1)",
            "/* load com.example.shop.Order */ select o1_0.id,o1_0.customer_id,o1_0.status,o1_0.total,"
                    + "l1_0.order_id,l1_0.id,l1_0.product_id,l1_0.quantity,l1_0.unit_price "
                    + "from orders o1_0 left join order_line l1_0 on o1_0.id=l1_0.order_id where o1_0.id=?"),

    /** Schema changes, as a migration tool (or, in production, a mistake) sends them. */
    DDL(
            "ALTER TABLE orders ADD COLUMN gift_note VARCHAR(255) NULL, ADD INDEX idx_orders_placed (placed_at)",
            "CREATE TABLE IF NOT EXISTS feature_flag (name VARCHAR(64) PRIMARY KEY, enabled BOOLEAN NOT NULL "
                    + "DEFAULT FALSE, updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB",
            "ALTER TABLE customer DROP COLUMN legacy_code",
            "DROP TABLE tmp_import_2024");

    private final String[] statements;

    Workload(String... statements) {
        this.statements = statements;
    }

    /** The statements of this workload; the array is shared, do not modify it. */
    String[] statements() {
        return statements;
    }
}
