package dev.jdbcguard.rules.schema;

import java.util.List;

/**
 * One index of a {@link Table}: the primary key, a unique key or a plain (also FULLTEXT/SPATIAL) key.
 *
 * @param name    lower case; {@code primary} for the primary key; null when the statement gave none (the server
 *                then names it after its first column)
 * @param columns the indexed columns in order, lower case (a prefix length such as {@code name(10)} is dropped)
 * @param kind    what it enforces
 * @param partial some key part indexes only a prefix of its column ({@code name(10)}): the key does not tell whole
 *                values apart
 */
public record Index(String name, List<String> columns, Kind kind, boolean partial) {

    /** What an index is. */
    public enum Kind {
        PRIMARY, UNIQUE, PLAIN, FULLTEXT, SPATIAL
    }

    public Index {
        columns = List.copyOf(columns);
    }

    /** An index over whole column values. */
    public Index(String name, List<String> columns, Kind kind) {
        this(name, columns, kind, false);
    }

    /** Whether it refuses duplicate values (the primary key or a unique key). */
    public boolean unique() {
        return kind == Kind.PRIMARY || kind == Kind.UNIQUE;
    }

    /** The name to show: its own, or {@code (a, b)} for an unnamed one. */
    public String label() {
        return kind == Kind.PRIMARY ? "PRIMARY KEY" : name != null ? name : "(" + String.join(", ", columns) + ")";
    }

    Index renameColumn(String from, String to) {
        return new Index(name, columns.stream().map(c -> c.equals(from) ? to : c).toList(), kind, partial);
    }
}
