package dev.jdbcguard.it.fatjar;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An application packaged as a Boot fat jar without the guard: its data source comes from
 * {@code spring.datasource.*} given on the command line. It reads the orders table, then tries to empty it the way
 * a bug would, and prints what happened, one line each, so that the test can read the outcome from outside.
 */
@SpringBootApplication
public class ShopApp {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(ShopApp.class, args)));
    }

    @Bean
    CommandLineRunner orders(JdbcTemplate jdbc) {
        return args -> {
            System.out.println("orders before: " + count(jdbc));
            try {
                jdbc.update("DELETE FROM fat_jar_orders");
                System.out.println("delete: ran");
            } catch (DataAccessException refused) {
                System.out.println("delete: refused: " + refused.getMostSpecificCause().getMessage());
            }
            System.out.println("orders after: " + count(jdbc));
        };
    }

    private static Integer count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM fat_jar_orders", Integer.class);
    }
}
