package dev.jdbcguard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

    @Test
    void theIssuesIdsAreAllThereSpelledExactly() {
        List<String> required = List.of("tls.required", "tls.version", "conn.cap", "conn.leak", "conn.churn", "conn.lifetime",
                "conn.credentials-in-url", "ddl.drop-database", "ddl.drop-table", "ddl.truncate", "ddl.drop-column",
                "ddl.rename-table", "ddl.rename-column", "ddl.modify-column", "ddl.drop-index", "ddl.add-unique-index",
                "ddl.add-index", "ddl.add-column", "ddl.add-foreign-key", "ddl.create-table", "ddl.other", "dml.no-where",
                "query.unindexed", "query.bad-index", "query.slow", "query.select-star", "query.n-plus-one",
                "query.large-result", "query.unparseable", "tx.long", "planetscale.load-data", "planetscale.into-outfile",
                "planetscale.lock-tables", "planetscale.create-database", "planetscale.foreign-key",
                "planetscale.stored-routine");
        for (String id : required) {
            assertThat(RuleCatalog.rule(id)).as(id).isNotNull();
        }
        for (Rule rule : RuleCatalog.rules()) {
            assertThat(rule.id()).matches("[a-z]+(\\.[a-z]+(-[a-z]+)*)+");
            assertThat(List.of(rule.what(), rule.why(), rule.fix())).allMatch(text -> !text.isBlank());
        }
    }

    @Test
    void aParameterNameMeansOneThingUnderEveryPrefix() {
        for (String prefix : List.of("tls", "conn", "ddl", "dml", "query", "tx", "planetscale")) {
            Map<String, Param> seen = new HashMap<>();
            for (Rule rule : RuleCatalog.rulesUnder(prefix)) {
                for (Param param : rule.params()) {
                    Param other = seen.putIfAbsent(param.name(), param);
                    if (other != null) {
                        assertThat(param.type()).as(prefix + " " + param.name()).isEqualTo(other.type());
                        assertThat(param.choices()).isEqualTo(other.choices());
                    }
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void defaultsRoundTripThroughTheirSpelling() {
        for (Rule rule : RuleCatalog.rules()) {
            for (Param param : rule.params()) {
                Object value = param.defaultValue();
                Object reparsed = param.type() == ParamType.TABLES ? param.parseList((List<String>) value) : param.parse(Param.render(value));
                assertThat(reparsed).as(rule.id() + " " + param.name()).isEqualTo(value);
            }
        }
    }

    @Test
    void valueSpellings() {
        Param duration = Param.duration("d", "1s", "0s", "365d", "");
        assertThat(duration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(duration.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(duration.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(duration.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(duration.parse("1_500ms")).isEqualTo(Duration.ofMillis(1500));
        Param count = Param.count("n", "0", "0", "1_000_000", "");
        assertThat(count.parse("100_000")).isEqualTo(100_000L);
        assertThat(count.parse("100000")).isEqualTo(100_000L);
        assertThatThrownBy(() -> count.parse("99999999999999999999")).hasMessage("number too large: '99999999999999999999'");
        assertThatThrownBy(() -> count.parse("1_000_001")).hasMessage("expected a whole number from 0 to 1_000_000, found '1_000_001'");
        assertThatThrownBy(() -> duration.parse("366d")).hasMessage("expected a duration from 0s to 365d (units ms, s, m, h, d), found '366d'");
        assertThatThrownBy(() -> duration.parse("9223372036854775807d")).hasMessage("duration too large: '9223372036854775807d'");
        assertThatThrownBy(() -> count.parse("1.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> duration.parse("ms")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Param.render(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Param.render(100_000L)).isEqualTo("100_000");
        assertThat(Action.parse("BLOCK")).isEqualTo(Action.BLOCK);
        assertThat(Action.parse("deny")).isNull();
        assertThat(Action.BLOCK.capAt(Action.WARN)).isEqualTo(Action.WARN);
        assertThat(Action.OFF.capAt(Action.WARN)).isEqualTo(Action.OFF);
    }

    @Test
    void suggestionsOnlyWhenClose() {
        assertThat(RuleCatalog.unknownIdMessage("query.slwo")).isEqualTo("unknown rule id 'query.slwo'; did you mean 'query.slow'?");
        assertThat(RuleCatalog.unknownIdMessage("planetscal")).isEqualTo("unknown rule id 'planetscal'; did you mean 'planetscale'?");
        assertThat(RuleCatalog.unknownIdMessage("xyz")).isEqualTo("unknown rule id 'xyz'");
        assertThat(RuleCatalog.isIdOrPrefix("ddl")).isTrue();
        assertThat(RuleCatalog.isIdOrPrefix("dd")).isFalse();
        assertThat(RuleCatalog.rulesUnder("tls")).extracting(Rule::id).containsExactly("tls.required", "tls.version");
    }
}
