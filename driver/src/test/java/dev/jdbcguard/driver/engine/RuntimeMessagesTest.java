package dev.jdbcguard.driver.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.Finding;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every runtime and connection rule fired on the real server, through the registered driver: each message says why
 * and how to fix in the words of rules/README.md (the rule catalog's), whichever detector made it (statement rules,
 * runtime thresholds, the EXPLAIN thread, the transaction sweep, the connection scheduler, TLS, the server headroom
 * sweep).
 */
class RuntimeMessagesTest extends QueryTables {

    private static final String RULES = """
            extends: production
            rules:
              tls.required: warn
              conn.credentials-in-url: warn
              conn.cap: {action: warn, max: 1}
              conn.churn: {action: warn, max-opens: 2, window: 1m}
              conn.leak: {action: warn, threshold: 300ms}
              conn.lifetime: {action: warn, threshold: 400ms}
              conn.server-headroom: {action: warn, percent: 1, interval: 0s}
              query.slow: {action: warn, threshold: 100ms}
              query.large-result: {action: warn, max-rows: 10}
              query.n-plus-one: {action: warn, max-repeats: 2, window: 10s}
              query.unindexed: {action: warn, min-rows: 0}
              tx.long: {action: warn, threshold: 200ms}
            """;
    /** The rules this test fires: every runtime and connection rule a single server can trip, and a statement rule. */
    private static final Set<String> FIRED = Set.of(RuleCatalog.TLS_REQUIRED, RuleCatalog.CONN_CREDENTIALS_IN_URL,
            RuleCatalog.CONN_CAP, RuleCatalog.CONN_CHURN, RuleCatalog.CONN_LEAK, RuleCatalog.CONN_LIFETIME,
            RuleCatalog.CONN_SERVER_HEADROOM, RuleCatalog.QUERY_SLOW, RuleCatalog.QUERY_LARGE_RESULT,
            RuleCatalog.QUERY_N_PLUS_ONE, RuleCatalog.QUERY_UNINDEXED, RuleCatalog.TX_LONG, RuleCatalog.DML_NO_WHERE);

    RuntimeMessagesTest(TestDatabase db) {
        super(db);
    }

    @Test
    void everyRuntimeMessageSaysWhyAndFixAsTheRuleReferenceDoes() throws Exception {
        Map<String, String[]> reference = reference(Files.readString(Path.of("..", "rules", "README.md")));
        List<Finding> findings = new CopyOnWriteArrayList<>();
        String rules = "guard.rules=" + Guarded.rulesFile(RULES);
        try (GuardListeners.Registration ignored = GuardListeners.addFindingListener(findings::add)) {
            String withPassword = "jdbc:guard:mysql://" + db.host() + ":" + db.port() + "/" + db.database()
                    + "?sslMode=PREFERRED&" + rules + "&password=" + db.app().password();
            Properties preferred = db.tls("PREFERRED", db.app());
            preferred.remove("password");
            try (Connection first = DriverManager.getConnection(withPassword, preferred);
                 Connection second = Guarded.connect(db, rules); // over the cap of 1
                 Connection third = Guarded.connect(db, rules); // the third open within the churn window
                 Statement s = first.createStatement()) {
                s.executeQuery("SELECT SLEEP(0.2)").close();
                try (ResultSet r = s.executeQuery("SELECT id FROM qc_orders")) {
                    while (r.next()) {
                        // read past max-rows
                    }
                }
                for (int i = 0; i < 3; i++) {
                    s.executeQuery("SELECT id FROM qc_orders WHERE id = " + (i + 1)).close();
                }
                s.executeQuery("SELECT id FROM qc_orders WHERE note = 'rare'").close();
                first.setAutoCommit(false);
                s.executeQuery("SELECT 1").close();
                Thread.sleep(300);
                s.executeQuery("SELECT 2").close();
                first.rollback();
                try {
                    s.executeUpdate("DELETE FROM messages_scratch"); // refused before the server would say it is missing
                } catch (SQLException refused) {
                    // dml.no-where blocks under production: the refusal's message is checked below
                }
                GuardListeners.awaitBackgroundChecks(Duration.ofSeconds(10));
                await(() -> seen(findings).containsAll(FIRED));
            }
        }
        assertThat(seen(findings)).containsAll(FIRED);
        assertThat(findings).allSatisfy(finding -> {
            String[] words = reference.get(finding.ruleId());
            assertThat(words).as("rules/README.md describes %s", finding.ruleId()).isNotNull();
            assertThat(finding.message()).as(finding.ruleId())
                    .contains(" — " + sentence(words[0]) + ". Fix: " + sentence(words[1]));
            assertThat(finding.fix()).as(finding.ruleId()).startsWith(sentence(words[1]));
        });
    }

    private static Set<String> seen(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).collect(Collectors.toSet());
    }

    /** Each rule's "Why it matters" and "Fix" lines of the reference, by rule id. */
    private static Map<String, String[]> reference(String readme) {
        Map<String, String[]> words = new HashMap<>();
        String rule = null;
        String why = null;
        for (String line : readme.split("\n")) {
            if (line.startsWith("### ")) {
                rule = line.substring(4).strip();
                why = null;
            } else if (rule != null && line.startsWith("- **Why it matters:** ")) {
                why = line.substring("- **Why it matters:** ".length());
            } else if (rule != null && why != null && line.startsWith("- **Fix:** ")) {
                words.put(rule, new String[] {why, line.substring("- **Fix:** ".length())});
            }
        }
        return words;
    }

    /** As the message writes a part: without its closing full stop. */
    private static String sentence(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
