package dev.jdbcguard.rules.sql;

import static dev.jdbcguard.rules.sql.DdlOperation.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DdlOperationTest {

    static Stream<Arguments> alterClauses() {
        return Stream.of(
            Arguments.of("ALTER TABLE t ADD COLUMN c INT", List.of(ADD_COLUMN)),
            Arguments.of("ALTER TABLE t ADD c INT NOT NULL DEFAULT 0 AFTER b", List.of(ADD_COLUMN)),
            Arguments.of("ALTER TABLE t ADD (c INT, d INT)", List.of(ADD_COLUMN)),
            Arguments.of("ALTER TABLE t DROP COLUMN c", List.of(DROP_COLUMN)),
            Arguments.of("ALTER TABLE t DROP c", List.of(DROP_COLUMN)),
            Arguments.of("ALTER TABLE t MODIFY COLUMN c BIGINT", List.of(MODIFY_COLUMN)),
            Arguments.of("ALTER TABLE t MODIFY c VARCHAR(10) CHARACTER SET utf8mb4", List.of(MODIFY_COLUMN)),
            Arguments.of("ALTER TABLE t CHANGE c c BIGINT", List.of(MODIFY_COLUMN)),
            Arguments.of("ALTER TABLE t CHANGE COLUMN `c` C BIGINT", List.of(MODIFY_COLUMN)),
            Arguments.of("ALTER TABLE t CHANGE c d BIGINT", List.of(RENAME_COLUMN)),
            Arguments.of("ALTER TABLE t RENAME COLUMN c TO d", List.of(RENAME_COLUMN)),
            Arguments.of("ALTER TABLE t ADD INDEX i (a)", List.of(ADD_INDEX)),
            Arguments.of("ALTER TABLE t ADD KEY (a, b)", List.of(ADD_INDEX)),
            Arguments.of("ALTER TABLE t ADD FULLTEXT INDEX ft (body)", List.of(ADD_INDEX)),
            Arguments.of("ALTER TABLE t ADD UNIQUE (email)", List.of(ADD_UNIQUE_INDEX)),
            Arguments.of("ALTER TABLE t ADD UNIQUE KEY uk (email)", List.of(ADD_UNIQUE_INDEX)),
            Arguments.of("ALTER TABLE t ADD CONSTRAINT uk UNIQUE (email)", List.of(ADD_UNIQUE_INDEX)),
            Arguments.of("ALTER TABLE t ADD CONSTRAINT UNIQUE (email)", List.of(ADD_UNIQUE_INDEX)),
            Arguments.of("ALTER TABLE t DROP INDEX i", List.of(DROP_INDEX)),
            Arguments.of("ALTER TABLE t DROP KEY i", List.of(DROP_INDEX)),
            Arguments.of("ALTER TABLE t RENAME INDEX i TO j", List.of(RENAME_INDEX)),
            Arguments.of("ALTER TABLE t ADD PRIMARY KEY (id)", List.of(ADD_PRIMARY_KEY)),
            Arguments.of("ALTER TABLE t DROP PRIMARY KEY", List.of(DROP_PRIMARY_KEY)),
            Arguments.of("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES u (id)", List.of(ADD_FOREIGN_KEY)),
            Arguments.of("ALTER TABLE t ADD FOREIGN KEY (u) REFERENCES u (id) ON DELETE CASCADE", List.of(ADD_FOREIGN_KEY)),
            Arguments.of("ALTER TABLE t DROP FOREIGN KEY fk", List.of(DROP_FOREIGN_KEY)),
            Arguments.of("ALTER TABLE t RENAME TO u", List.of(RENAME_TABLE)),
            Arguments.of("ALTER TABLE t RENAME AS u", List.of(RENAME_TABLE)),
            Arguments.of("ALTER TABLE t ENGINE = InnoDB", List.of(CHANGE_ENGINE)),
            Arguments.of("ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4", List.of(CHANGE_CHARSET)),
            Arguments.of("ALTER TABLE t DEFAULT CHARSET = utf8mb4", List.of(CHANGE_CHARSET)),
            Arguments.of("ALTER TABLE t CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", List.of(CHANGE_CHARSET)),
            Arguments.of("ALTER TABLE t ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", List.of(CHANGE_ENGINE, CHANGE_CHARSET)),
            Arguments.of("ALTER TABLE t PARTITION BY HASH(id) PARTITIONS 4", List.of(PARTITIONING)),
            Arguments.of("ALTER TABLE t REMOVE PARTITIONING", List.of(PARTITIONING)),
            Arguments.of("ALTER TABLE t ADD PARTITION (PARTITION p3 VALUES LESS THAN (2030))", List.of(PARTITIONING)),
            Arguments.of("ALTER TABLE t REORGANIZE PARTITION p0 INTO (PARTITION a VALUES LESS THAN (5), PARTITION b VALUES LESS THAN (10))", List.of(PARTITIONING)),
            Arguments.of("ALTER TABLE t DROP PARTITION p0", List.of(DROP_PARTITION)),
            Arguments.of("ALTER TABLE t TRUNCATE PARTITION p0", List.of(DROP_PARTITION)),
            Arguments.of("ALTER TABLE t ALTER COLUMN c SET DEFAULT 1", List.of(ALTER_COLUMN_DEFAULT)),
            Arguments.of("ALTER TABLE t ALTER c DROP DEFAULT", List.of(ALTER_COLUMN_DEFAULT)),
            Arguments.of("ALTER TABLE t ALTER INDEX i INVISIBLE", List.of(OTHER)),
            Arguments.of("ALTER TABLE t FORCE", List.of(REBUILD)),
            Arguments.of("ALTER TABLE t ROW_FORMAT = COMPRESSED", List.of(REBUILD)),
            Arguments.of("ALTER TABLE t COMMENT = 'x'", List.of(OTHER)),
            Arguments.of("ALTER TABLE t AUTO_INCREMENT = 1000", List.of(OTHER)),
            Arguments.of("ALTER TABLE t ADD CHECK (a > 0)", List.of(ADD_CHECK)),
            Arguments.of("ALTER TABLE t ADD CONSTRAINT c_pos CHECK (a > 0)", List.of(ADD_CHECK)),
            Arguments.of("ALTER TABLE t ADD CONSTRAINT CHECK (a > 0) ENFORCED", List.of(ADD_CHECK)),
            Arguments.of("ALTER TABLE t ALTER CHECK c_pos ENFORCED", List.of(ADD_CHECK)),
            Arguments.of("ALTER TABLE t ALTER CONSTRAINT c_pos ENFORCED", List.of(ADD_CHECK)),
            Arguments.of("ALTER TABLE t ADD CHECK (a > 0) NOT ENFORCED", List.of(OTHER)),
            Arguments.of("ALTER TABLE t ALTER CHECK c_pos NOT ENFORCED", List.of(OTHER)),
            Arguments.of("ALTER TABLE t DROP CHECK c_pos", List.of(OTHER)),
            Arguments.of("ALTER TABLE t DROP INDEX i, ADD INDEX i (a, b)", List.of(ADD_INDEX)),
            Arguments.of("ALTER TABLE t DROP KEY `i`, ADD UNIQUE KEY i (a)", List.of(ADD_UNIQUE_INDEX)),
            Arguments.of("ALTER TABLE t DROP INDEX i, ADD INDEX j (a)", List.of(DROP_INDEX, ADD_INDEX)),
            Arguments.of("ALTER TABLE t DROP INDEX i, DROP INDEX k, ADD INDEX i (a)", List.of(DROP_INDEX, ADD_INDEX)),
            Arguments.of("ALTER TABLE t ADD COLUMN c INT, ALGORITHM=INSTANT, LOCK=NONE", List.of(ADD_COLUMN)),
            Arguments.of("ALTER TABLE t ADD COLUMN c INT, DROP COLUMN d, ADD INDEX i (c), RENAME COLUMN e TO f",
                List.of(ADD_COLUMN, DROP_COLUMN, ADD_INDEX, RENAME_COLUMN)),
            Arguments.of("ALTER TABLE t ADD COLUMN c DECIMAL(10, 2), MODIFY d ENUM('a', 'b')", List.of(ADD_COLUMN, MODIFY_COLUMN)),
            Arguments.of("ALTER ONLINE IGNORE TABLE IF EXISTS t ADD COLUMN c INT", List.of(ADD_COLUMN)),
            Arguments.of("CREATE INDEX i ON t (a)", List.of(ADD_INDEX)),
            Arguments.of("CREATE UNIQUE INDEX i ON t (a)", List.of(ADD_UNIQUE_INDEX)),
            Arguments.of("CREATE FULLTEXT INDEX i ON t (a)", List.of(ADD_INDEX)),
            Arguments.of("CREATE SPATIAL INDEX i ON t (g)", List.of(ADD_INDEX)),
            Arguments.of("DROP INDEX i ON t", List.of(DROP_INDEX)),
            Arguments.of("CREATE TABLE t (id INT, u INT, FOREIGN KEY (u) REFERENCES u (id))", List.of(ADD_FOREIGN_KEY)),
            Arguments.of("CREATE TABLE t (id INT, u INT REFERENCES u (id))", List.of(ADD_FOREIGN_KEY)),
            Arguments.of("CREATE TABLE t (id INT) PARTITION BY HASH(id)", List.of(PARTITIONING)),
            Arguments.of("CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(100) UNIQUE)", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alterClauses")
    void eachClauseIsOneOperation(String sql, List<DdlOperation> expected) {
        assertThat(StatementKindTest.only(sql).ddlOperations()).containsExactlyElementsOf(expected);
    }

    @Test
    void everyOperationHasAnExample() {
        assertThat(alterClauses().flatMap(a -> ((List<?>) a.get()[1]).stream()).map(DdlOperation.class::cast).distinct())
            .containsExactlyInAnyOrder(values());
    }

    @Test
    void alterTableNamesItsTableAndTheRenameTarget() {
        assertThat(StatementKindTest.only("ALTER TABLE `shop`.`Orders` ADD COLUMN c INT").tables()).containsExactly("shop.orders");
        assertThat(StatementKindTest.only("ALTER TABLE t RENAME TO u").tables()).containsExactly("t", "u");
    }

    @Test
    void flagsFollowMySql8OnlineDdl() {
        assertThat(Arrays.stream(values()).filter(DdlOperation::destructive)).containsExactlyInAnyOrder(DROP_COLUMN, DROP_PARTITION);
        assertThat(Arrays.stream(values()).filter(DdlOperation::breaksRunningCode))
            .containsExactlyInAnyOrder(DROP_COLUMN, RENAME_COLUMN, RENAME_TABLE, DROP_INDEX, RENAME_INDEX);
        assertThat(ADD_COLUMN.rebuildsTable()).as("INSTANT since 8.0.12").isFalse();
        assertThat(ADD_INDEX.rebuildsTable()).isFalse();
        assertThat(MODIFY_COLUMN.rebuildsTable()).isTrue();
        assertThat(CHANGE_ENGINE.rebuildsTable()).isTrue();
        assertThat(ADD_PRIMARY_KEY.rebuildsTable()).isTrue();
        assertThat(RENAME_COLUMN.rebuildsTable()).isFalse();
    }
}
