package dev.jdbcguard.rules.schema;

import java.util.Map;

/** The families of MySQL data types whose members convert into each other by widening or narrowing. */
enum TypeFamily {
    INTEGER, DECIMAL, FLOAT, BIT, STRING, TEXT, BINARY, BLOB, ENUM, TEMPORAL, JSON, OTHER;

    private static final Map<String, TypeFamily> BY_BASE = Map.ofEntries(
            Map.entry("TINYINT", INTEGER), Map.entry("SMALLINT", INTEGER), Map.entry("MEDIUMINT", INTEGER),
            Map.entry("INT", INTEGER), Map.entry("BIGINT", INTEGER),
            Map.entry("DECIMAL", DECIMAL),
            Map.entry("FLOAT", FLOAT), Map.entry("DOUBLE", FLOAT),
            Map.entry("BIT", BIT),
            Map.entry("CHAR", STRING), Map.entry("VARCHAR", STRING),
            Map.entry("TINYTEXT", TEXT), Map.entry("TEXT", TEXT), Map.entry("MEDIUMTEXT", TEXT), Map.entry("LONGTEXT", TEXT),
            Map.entry("BINARY", BINARY), Map.entry("VARBINARY", BINARY),
            Map.entry("TINYBLOB", BLOB), Map.entry("BLOB", BLOB), Map.entry("MEDIUMBLOB", BLOB), Map.entry("LONGBLOB", BLOB),
            Map.entry("ENUM", ENUM), Map.entry("SET", ENUM),
            Map.entry("DATE", TEMPORAL), Map.entry("DATETIME", TEMPORAL), Map.entry("TIMESTAMP", TEMPORAL),
            Map.entry("TIME", TEMPORAL), Map.entry("YEAR", TEMPORAL),
            Map.entry("JSON", JSON));

    static TypeFamily of(String base) {
        return BY_BASE.getOrDefault(base, OTHER);
    }
}
