package dev.jdbcguard.driver.url;

import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code guard.*} settings of one connection, immutable. Properties override URL parameters,
 * as they do in Connector/J.
 */
public final class GuardSettings {

    /** No settings. */
    public static final GuardSettings EMPTY = new GuardSettings(new EnumMap<>(GuardSetting.class));

    private final Map<GuardSetting, String> values;

    private GuardSettings(EnumMap<GuardSetting, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The value of {@code setting}, if given. */
    public Optional<String> get(GuardSetting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    /** Every setting given, in declaration order. */
    public Map<GuardSetting, String> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuardSettings other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "GuardSettings" + values;
    }

    /** Collects settings key by key; an unknown {@code guard.*} key fails at once. */
    static final class Builder {
        private final EnumMap<GuardSetting, String> values = new EnumMap<>(GuardSetting.class);

        Builder put(String key, String value, String where) throws SQLException {
            GuardSetting setting = GuardSetting.forKey(key);
            if (setting == null) {
                throw new SQLException("[jdbc-guard] unknown setting '" + key + "' in " + where
                        + "; known settings: " + GuardSetting.knownKeys(), "08001");
            }
            values.put(setting, value);
            return this;
        }

        GuardSettings build() {
            return values.isEmpty() ? EMPTY : new GuardSettings(values.clone());
        }
    }
}
