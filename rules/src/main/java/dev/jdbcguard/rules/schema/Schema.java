package dev.jdbcguard.rules.schema;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The tables a migration history has declared so far, by name. Immutable: {@link #apply} returns the schema after
 * one statement, so each statement of a replay is judged against the schema before it. A change copies the map of
 * tables once (not the tables), so a replay costs the number of tables per schema change.
 *
 * <p>A table the model does not hold is <em>unknown</em>, not absent: migrations often start from a baseline the
 * replay never saw, so rules that need a table's columns fall back to what the statement alone says.
 */
public final class Schema {

    /** No table known. */
    public static final Schema EMPTY = new Schema(Map.of());

    private final Map<String, Table> tables;

    private Schema(Map<String, Table> tables) {
        this.tables = tables;
    }

    /** The table called {@code name} (any case; a {@code db.} qualifier and backquotes ignored), or null. */
    public Table table(String name) {
        return name == null ? null : tables.get(key(name));
    }

    /** How many tables are known. */
    public int size() {
        return tables.size();
    }

    /** This schema with {@code table} added or replaced. */
    public Schema with(Table table) {
        Map<String, Table> copy = new HashMap<>(tables);
        copy.put(key(table.name()), table);
        return new Schema(Collections.unmodifiableMap(copy));
    }

    /** This schema without the table called {@code name}. */
    public Schema without(String name) {
        if (table(name) == null) {
            return this;
        }
        Map<String, Table> copy = new HashMap<>(tables);
        copy.remove(key(name));
        return new Schema(Collections.unmodifiableMap(copy));
    }

    /** The schema after {@code change} ran; {@code this} when it changes nothing the model holds. */
    public Schema apply(SchemaChange change) {
        return change == null ? this : change.applyTo(this);
    }

    static String key(String name) {
        String bare = name.replace("`", "").toLowerCase(java.util.Locale.ROOT);
        int dot = bare.lastIndexOf('.');
        return dot >= 0 ? bare.substring(dot + 1) : bare;
    }
}
