package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuardAllowTest {

    private static Classification c(String sql) {
        return SqlClassifier.classifyText(sql);
    }

    @Test
    void exactIdsAndPrefixes() {
        Classification c = c("/* guard:allow ddl, query.unindexed */ DROP TABLE t");
        assertThat(c.allowedRules()).containsExactlyInAnyOrder("ddl", "query.unindexed");
        assertThat(c.allows("ddl.drop-table")).isTrue();
        assertThat(c.allows("ddl")).isTrue();
        assertThat(c.allows("query.unindexed")).isTrue();
        assertThat(c.allows("query.slow")).isFalse();
        assertThat(c.allows("query")).isFalse();
        assertThat(c.allows("ddlx.drop")).isFalse();
        assertThat(c.allows(null)).isFalse();
    }

    @Test
    void spaceSeparatedListsAnywhereInTheText() {
        Classification c = c("SELECT a FROM t /* GUARD:ALLOW query.select-star query.slow */ WHERE 1 = 1");
        assertThat(c.allows("query.select-star")).isTrue();
        assertThat(c.allows("query.slow")).isTrue();
        assertThat(c("SELECT 1 -- guard:allow query.slow").allows("query.slow")).isTrue();
        assertThat(c("SELECT 1 # guard:allow query.slow,dml").allows("dml.no-where")).isTrue();
        assertThat(c("/* app=shop guard:allow ddl. */ DROP TABLE t").allows("ddl.drop-table")).isTrue();
    }

    @Test
    void onlyCommentsCount() {
        assertThat(c("SELECT '/* guard:allow ddl */'").allows("ddl.drop-table")).isFalse();
        assertThat(c("SELECT `guard:allow ddl`").allows("ddl")).isFalse();
        assertThat(c("SELECT 1").allowedRules()).isEmpty();
        // An executable comment is code, so it cannot carry an exception.
        assertThat(c("/*! guard:allow ddl */ DROP TABLE t").allows("ddl")).isFalse();
        assertThat(c("/* guard:allowed ddl */ SELECT 1").allowedRules()).isEmpty();
    }

    @Test
    void listStopsAtTheFirstCharThatCannotBeAnId() {
        Classification c = c("/* guard:allow query.slow: reviewed by ops */ SELECT 1");
        assertThat(c.allowedRules()).containsExactly("query.slow");
    }
}
