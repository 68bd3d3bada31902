package dev.jdbcguard.rules.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.schema.TypeChange.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The type-pair table: which column type changes keep every value (widening) and which lose some (narrowing). */
class TypeChangeTest {

    /** The type a one-column CREATE TABLE declares, read as lint reads it. */
    static ColumnType type(String declaration) {
        SchemaChange change = DdlReader.read("CREATE TABLE t (c " + declaration + ", PRIMARY KEY (c))");
        assertThat(change).as(declaration).isInstanceOf(SchemaChange.CreateTable.class);
        return ((SchemaChange.CreateTable) change).definition().column("c").type();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # integers: wider is safe, narrower or signed -> unsigned loses values
            TINYINT            | SMALLINT           | WIDENING
            SMALLINT           | MEDIUMINT          | WIDENING
            MEDIUMINT          | INT                | WIDENING
            INT                | BIGINT             | WIDENING
            INTEGER            | BIGINT             | WIDENING
            INT(11)            | INT                | SAME
            BOOLEAN            | TINYINT(1)         | SAME
            TINYINT UNSIGNED   | SMALLINT           | WIDENING
            INT UNSIGNED       | BIGINT             | WIDENING
            INT UNSIGNED       | BIGINT UNSIGNED    | WIDENING
            INT UNSIGNED       | INT                | LOSSY
            BIGINT             | INT                | LOSSY
            INT                | MEDIUMINT          | LOSSY
            MEDIUMINT          | SMALLINT           | LOSSY
            SMALLINT           | TINYINT            | LOSSY
            INT                | INT UNSIGNED       | LOSSY
            TINYINT            | BIGINT UNSIGNED    | LOSSY
            BIGINT UNSIGNED    | BIGINT             | LOSSY
            # decimals: digits before and after the point must both fit
            DECIMAL(10,2)      | DECIMAL(12,2)      | WIDENING
            DECIMAL(10,2)      | DECIMAL(12,4)      | WIDENING
            DECIMAL(10,2)      | DECIMAL(10,2)      | SAME
            NUMERIC(10,2)      | DECIMAL(10,2)      | SAME
            DECIMAL            | DECIMAL(10,0)      | SAME
            DECIMAL(10,2)      | DECIMAL(8,2)       | LOSSY
            DECIMAL(10,2)      | DECIMAL(10,1)      | LOSSY
            DECIMAL(10,2)      | DECIMAL(10,4)      | LOSSY
            DECIMAL(10,2)      | DECIMAL(10,2) UNSIGNED | LOSSY
            INT                | DECIMAL(10,0)      | WIDENING
            BIGINT             | DECIMAL(18,0)      | LOSSY
            DECIMAL(9,0)       | INT                | WIDENING
            DECIMAL(10,0)      | INT                | LOSSY
            DECIMAL(5,2)       | INT                | LOSSY
            # floating point
            FLOAT              | DOUBLE             | WIDENING
            DOUBLE             | FLOAT              | LOSSY
            INT                | DOUBLE             | WIDENING
            BIGINT             | DOUBLE             | LOSSY
            DOUBLE             | DECIMAL(30,10)     | LOSSY
            # strings: lengths in characters, TEXT types in bytes
            CHAR(10)           | CHAR(20)           | WIDENING
            CHAR(10)           | VARCHAR(10)        | WIDENING
            CHAR               | CHAR(1)            | SAME
            VARCHAR(20)        | VARCHAR(30)        | WIDENING
            VARCHAR(20)        | VARCHAR(10)        | LOSSY
            CHAR(20)           | CHAR(10)           | LOSSY
            VARCHAR(10)        | CHAR(10)           | LOSSY
            VARCHAR(255)       | TEXT               | WIDENING
            VARCHAR(255)       | TINYTEXT           | LOSSY
            VARCHAR(20000)     | TEXT               | LOSSY
            VARCHAR(20000)     | MEDIUMTEXT         | WIDENING
            TINYTEXT           | TEXT               | WIDENING
            TEXT               | MEDIUMTEXT         | WIDENING
            MEDIUMTEXT         | LONGTEXT           | WIDENING
            LONGTEXT           | MEDIUMTEXT         | LOSSY
            TEXT               | TINYTEXT           | LOSSY
            TEXT               | VARCHAR(16000)     | LOSSY
            VARBINARY(16)      | VARBINARY(32)      | WIDENING
            VARBINARY(32)      | VARBINARY(16)      | LOSSY
            VARBINARY(16)      | BINARY(16)         | LOSSY
            BLOB               | TINYBLOB           | LOSSY
            BLOB               | LONGBLOB           | WIDENING
            CHARACTER VARYING(20) | VARCHAR(20)     | SAME
            # character sets: narrowing loses characters, the rest converts
            VARCHAR(20) CHARACTER SET utf8mb4 | VARCHAR(20) CHARACTER SET latin1  | LOSSY
            VARCHAR(20) CHARACTER SET utf8mb4 | VARCHAR(20) CHARACTER SET utf8mb3 | LOSSY
            VARCHAR(20) CHARACTER SET utf8mb3 | VARCHAR(20) CHARACTER SET utf8mb4 | CHARSET_CHANGE
            VARCHAR(20) CHARACTER SET latin1  | VARCHAR(20) CHARACTER SET utf8mb4 | CHARSET_CHANGE
            VARCHAR(20) CHARSET utf8          | VARCHAR(20) CHARACTER SET utf8mb3 | SAME
            VARCHAR(20) CHARACTER SET latin1  | VARCHAR(20) CHARACTER SET latin2  | LOSSY
            # temporal types: range, time of day and fractional seconds
            DATE               | DATETIME           | WIDENING
            DATE               | TIMESTAMP          | LOSSY
            DATETIME           | DATE               | LOSSY
            DATETIME           | DATETIME(3)        | WIDENING
            DATETIME(6)        | DATETIME(3)        | LOSSY
            DATETIME           | TIMESTAMP          | LOSSY
            TIMESTAMP          | DATETIME           | WIDENING
            TIMESTAMP(6)       | DATETIME           | LOSSY
            TIMESTAMP          | TIMESTAMP(6)       | WIDENING
            TIMESTAMP          | DATE               | LOSSY
            TIME               | TIME(3)            | WIDENING
            TIME(3)            | TIME               | LOSSY
            DATETIME           | TIME               | LOSSY
            DATE               | YEAR               | LOSSY
            YEAR               | YEAR               | SAME
            TIME               | DATETIME           | OTHER
            # ENUM and SET: appending is safe, anything else changes stored values
            ENUM('a','b')      | ENUM('a','b','c')  | WIDENING
            ENUM('a','b')      | ENUM('a','c','b')  | ENUM_CHANGE
            ENUM('a','b')      | ENUM('b','a')      | ENUM_CHANGE
            ENUM('a','b','c')  | ENUM('a','c')      | ENUM_CHANGE
            SET('x','y')       | SET('x','y','z')   | WIDENING
            SET('x','y')       | SET('y')           | ENUM_CHANGE
            ENUM('new','paid') | VARCHAR(4)         | WIDENING
            ENUM('new','paid') | VARCHAR(3)         | LOSSY
            # unrelated types: neither known safe nor known lossy
            INT                | VARCHAR(20)        | OTHER
            VARCHAR(20)        | INT                | OTHER
            JSON               | TEXT               | OTHER
            """)
    void typePairs(String from, String to, Kind expected) {
        TypeChange change = TypeChange.of(type(from), type(to));
        assertThat(change.kind()).as(change.reason()).isEqualTo(expected);
        assertThat(change.reason()).isNotBlank();
    }
}
