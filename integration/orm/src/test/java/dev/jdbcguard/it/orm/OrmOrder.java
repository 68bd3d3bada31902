package dev.jdbcguard.it.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A plain entity, its table made by Hibernate's schema tool. */
@Entity
@Table(name = "orm_orders")
public class OrmOrder {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    String status;

    protected OrmOrder() {
    }

    OrmOrder(String status) {
        this.status = status;
    }
}
