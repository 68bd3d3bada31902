package dev.jdbcguard.rules.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the driver reads from a server (its version string, information_schema's column types) in the model's terms. */
class ServerReadTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.11.6-MariaDB-1:10.11.6+maria~deb12 | MariaDB 10.11.6",
            "5.5.5-10.11.19-MariaDB-0+deb12u1      | MariaDB 10.11.19",
            "11.4.2-MariaDB                        | MariaDB 11.4.2",
            "8.0.40                                | MySQL 8.0.40",
            "8.0.36-28                             | MySQL 8.0.36",
            "8.4.3-PlanetScale                     | MySQL 8.4.3"})
    void aProductVersionNamesTheServer(String product, String expected) {
        assertThat(ServerVersion.of(product)).hasToString(expected);
    }

    @Test
    void aProductVersionWithoutOneIsNone() {
        assertThat(ServerVersion.of("unknown")).isNull();
        assertThat(ServerVersion.of(null)).isNull();
    }

    @Test
    void mariadbIsToldApartFromMysqlForTheAlgorithmAnswer() {
        ServerVersion maria = ServerVersion.of("5.5.5-10.11.19-MariaDB");
        assertThat(maria.mariadb()).isTrue();
        assertThat(maria.atLeast(10, 11, 0)).isTrue();
        assertThat(ServerVersion.of("8.0.20").mariadb()).isFalse();
    }

    @Test
    void aColumnTypeTheServerPrintsIsTheTypeAMigrationDeclares() {
        assertThat(DdlReader.columnType("varchar(20)", "utf8mb4")).isEqualTo(new ColumnType("VARCHAR", 20, -1, false, List.of(), "utf8mb4"));
        // display widths say nothing about the values: int(11) is INT, tinyint(1) is TINYINT
        assertThat(DdlReader.columnType("int(11)", null)).isEqualTo(ColumnType.of("INT"));
        assertThat(DdlReader.columnType("int(10) unsigned", null)).isEqualTo(new ColumnType("INT", -1, -1, true, List.of(), null));
        assertThat(DdlReader.columnType("decimal(10,2)", null)).isEqualTo(new ColumnType("DECIMAL", 10, 2, false, List.of(), null));
        assertThat(DdlReader.columnType("enum('a','it''s')", "latin1").values()).containsExactly("a", "it's");
        assertThat(DdlReader.columnType("datetime(3)", null)).isEqualTo(new ColumnType("DATETIME", 3, -1, false, List.of(), null));
        // and compare with a declared one as TypeChange does
        ColumnType declared = ((SchemaChange.CreateTable) DdlReader.read("CREATE TABLE t (n VARCHAR(20) CHARACTER SET utf8mb4)"))
                .definition().column("n").type();
        assertThat(DdlReader.columnType("varchar(20)", "utf8mb4")).isEqualTo(declared);
    }

    @Test
    void anUnreadableColumnTypeIsNone() {
        assertThat(DdlReader.columnType("'unterminated", null)).isNull();
        assertThat(DdlReader.columnType("", null)).isNull();
    }
}
