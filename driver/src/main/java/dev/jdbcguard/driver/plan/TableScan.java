package dev.jdbcguard.driver.plan;

import dev.jdbcguard.rules.RuleCatalog;

import java.util.Locale;

/**
 * One table access in an EXPLAIN that reads more than an index lookup would: the raw material of
 * {@code query.unindexed} and {@code query.bad-index}.
 *
 * @param table      the table as the statement names it, unquoted and lower-case ({@code db.t} kept),
 *                   or the name EXPLAIN shows when the statement text could not tell
 * @param access     what kind of scan
 * @param possibleKeys the indexes EXPLAIN's {@code possible_keys} names (comma-separated), or null when none
 * @param key        the index EXPLAIN chose, or null
 * @param rows       EXPLAIN's estimate of rows examined for this table (0 when it gave none)
 * @param extra      EXPLAIN's Extra column, or an empty string
 * @param suggestion one sentence on which index would help, derived from the WHERE/ON columns, or on why the
 *                   index that exists was not used
 */
record TableScan(String table, Access access, String possibleKeys, String key, long rows, String extra,
                        String suggestion) {

    /** This access as a listener's evidence shows it. */
    dev.jdbcguard.Finding.Evidence.PlanRow planRow() {
        return new dev.jdbcguard.Finding.Evidence.PlanRow(table, access.type, possibleKeys, key, rows, extra);
    }

    /** Kinds of access the rules report. */
    enum Access {
        /** EXPLAIN type=ALL: every row of the table is read. Flagged by MySQL and MariaDB. */
        FULL_TABLE_SCAN("full table scan", RuleCatalog.QUERY_UNINDEXED, "ALL"),
        /** EXPLAIN type=index: every entry of an index is read. MariaDB flags it, MySQL does not. */
        FULL_INDEX_SCAN("full index scan", RuleCatalog.QUERY_UNINDEXED, "index"),
        /** Extra "Range checked for each record" (EXPLAIN shows it with type=ALL): no index good enough up front. */
        RANGE_CHECKED("no good index (range checked for each record)", RuleCatalog.QUERY_BAD_INDEX, "ALL");

        private final String description;
        private final String ruleId;
        private final String type;

        Access(String description, String ruleId, String type) {
            this.description = description;
            this.ruleId = ruleId;
            this.type = type;
        }

        public String description() {
            return description;
        }

        public String ruleId() {
            return ruleId;
        }

        /** The access a row of EXPLAIN stands for, or null for an index lookup, range or const access. */
        static Access of(String type, String extra) {
            if (extra != null && extra.toLowerCase(Locale.ROOT).contains("range checked for each record")) {
                return RANGE_CHECKED;
            }
            if ("ALL".equalsIgnoreCase(type)) {
                return FULL_TABLE_SCAN;
            }
            if ("index".equalsIgnoreCase(type)) {
                return FULL_INDEX_SCAN;
            }
            return null;
        }
    }
}
