package dev.jdbcguard.it.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest Boot application with a DataSource, Flyway and Liquibase: everything comes from auto-configuration. */
@SpringBootApplication
public class ShopApplication {
}
