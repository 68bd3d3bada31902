package dev.jdbcguard.rules.schema;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The tables a migration history has declared so far, by name. Immutable: {@link #apply} returns the schema after
 * one statement, so each statement of a replay is judged against the schema before it.
 *
 * <p>A table the model does not hold is <em>unknown</em>, not absent: migrations often start from a baseline the
 * replay never saw, so rules that need a table's columns fall back to what the statement alone says.
 *
 * <p>Cost: a version shares the tables of the one it came from; it holds the tables changed since the last full copy
 * on top of them, and copies everything again once those are more than about the square root of the table count. So
 * a change costs O(&radic;tables) amortised, not O(tables), and a replay of a long history over thousands of tables
 * stays linear in practice; a lookup is two hash reads.
 */
public final class Schema {

    /** No table known. */
    public static final Schema EMPTY = new Schema(Map.of(), Map.of());

    /** The tables as of the last full copy; shared by the versions made since. */
    private final Map<String, Table> base;
    /** Tables added, replaced or dropped (null value) since {@link #base}; read first. */
    private final Map<String, Table> changes;

    private Schema(Map<String, Table> base, Map<String, Table> changes) {
        this.base = base;
        this.changes = changes;
    }

    /** The table called {@code name} (any case; a {@code db.} qualifier and backquotes ignored), or null. */
    public Table table(String name) {
        if (name == null) {
            return null;
        }
        String key = key(name);
        return changes.containsKey(key) ? changes.get(key) : base.get(key);
    }

    /** How many tables are known. */
    public int size() {
        int size = base.size();
        for (Map.Entry<String, Table> change : changes.entrySet()) {
            boolean inBase = base.containsKey(change.getKey());
            size += change.getValue() == null ? (inBase ? -1 : 0) : (inBase ? 0 : 1);
        }
        return size;
    }

    /** This schema with {@code table} added or replaced. */
    public Schema with(Table table) {
        return changed(key(table.name()), table);
    }

    /** This schema without the table called {@code name}. */
    public Schema without(String name) {
        return table(name) == null ? this : changed(key(name), null);
    }

    private Schema changed(String key, Table table) {
        Map<String, Table> next = new HashMap<>(changes);
        next.put(key, table);
        if ((long) next.size() * next.size() <= base.size() + 64) {
            return new Schema(base, Collections.unmodifiableMap(next));
        }
        Map<String, Table> all = new HashMap<>(base);
        for (Map.Entry<String, Table> change : next.entrySet()) {
            if (change.getValue() == null) {
                all.remove(change.getKey());
            } else {
                all.put(change.getKey(), change.getValue());
            }
        }
        return new Schema(Collections.unmodifiableMap(all), Map.of());
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
