package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL statements {@link RoutineBody} finds in routine bodies written the way procedures are written. */
class RoutineBodyTest {

    private static List<String> statements(String routine) {
        return RoutineBody.statements(routine).stream().map(span -> routine.substring(span.start(), span.end())).toList();
    }

    @Test
    void controlFlowIsSteppedOverAndTheSqlInsideItIsFound() {
        String procedure = String.join("\n",
                "CREATE DEFINER=`app`@`%` PROCEDURE archive(IN cutoff DATE, OUT moved INT)",
                "    MODIFIES SQL DATA",
                "    COMMENT 'moves old orders; keeps the rest'",
                "main: BEGIN",
                "  DECLARE done INT DEFAULT FALSE;",
                "  DECLARE oid BIGINT;",
                "  DECLARE cur CURSOR FOR SELECT id FROM orders WHERE created < cutoff;",
                "  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;",
                "  DECLARE EXIT HANDLER FOR SQLSTATE '40001', 1213 BEGIN ROLLBACK; END;",
                "  SET moved = 0;",
                "  OPEN cur;",
                "  read_loop: LOOP",
                "    FETCH cur INTO oid;",
                "    IF done THEN LEAVE read_loop; END IF;",
                "    INSERT INTO orders_archive SELECT * FROM orders WHERE id = oid;",
                "    CASE WHEN oid % 1000 = 0 THEN COMMIT; ELSE BEGIN END; END CASE;",
                "    SET moved = moved + 1;",
                "  END LOOP read_loop;",
                "  CLOSE cur;",
                "  REPEAT DELETE FROM orders WHERE created < cutoff LIMIT 1000; UNTIL ROW_COUNT() = 0 END REPEAT;",
                "  WHILE moved > 0 DO SET moved = moved - 1; END WHILE;",
                "  ALTER TABLE orders DROP COLUMN legacy;",
                "END main");
        assertThat(statements(procedure)).containsExactly(
                "SELECT id FROM orders WHERE created < cutoff", "SET done = TRUE", "ROLLBACK", "SET moved = 0",
                "INSERT INTO orders_archive SELECT * FROM orders WHERE id = oid", "COMMIT", "SET moved = moved + 1",
                "DELETE FROM orders WHERE created < cutoff LIMIT 1000", "SET moved = moved - 1",
                "ALTER TABLE orders DROP COLUMN legacy");
    }

    @Test
    void triggersEventsAndFunctionsHaveTheirBodiesWhereTheirSyntaxPutsThem() {
        assertThat(statements("CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW FOLLOWS t_other SET NEW.at = NOW()"))
                .containsExactly("SET NEW.at = NOW()");
        assertThat(statements("CREATE EVENT purge ON SCHEDULE EVERY 1 DAY STARTS (NOW() + INTERVAL 1 HOUR) DO DELETE FROM log"))
                .containsExactly("DELETE FROM log");
        assertThat(statements("CREATE FUNCTION total(o BIGINT) RETURNS DECIMAL(10, 2) CHARACTER SET utf8mb4 DETERMINISTIC"
                + " BEGIN DECLARE s DECIMAL(10,2); SELECT SUM(x) INTO s FROM items WHERE order_id = o; RETURN s; END"))
                .containsExactly("SELECT SUM(x) INTO s FROM items WHERE order_id = o");
        assertThat(statements("CREATE FUNCTION one() RETURNS INT RETURN 1")).isEmpty();
        assertThat(statements("ALTER PROCEDURE p COMMENT 'x'")).isEmpty();
    }
}
