package dev.jdbcguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.file.RuleFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgementMemoTest {

    private static final RuleSet PRODUCTION = RuleFiles.profile("production");
    private static final RuleSet DEVELOPMENT = RuleFiles.profile("development");

    @Test
    void answersAsTheSharedJudgeAndRepeatsItsJudgement() {
        StatementJudge judge = new StatementJudge(RuleSource.fixed(PRODUCTION), 1_000);
        JudgementMemo memo = new JudgementMemo(judge);
        String drop = "DROP TABLE orders";
        String select = "SELECT id FROM orders WHERE id = 7";
        judge.judge(drop); // the shared judge caches a string at its second judgement: the memo's is the second

        Judgement first = memo.judge(drop);
        assertThat(first).isSameAs(judge.judge(drop));
        assertThat(first.blocked()).isTrue();
        assertThat(memo.judge(drop)).isSameAs(first);
        // an equal string built anew is the same statement
        assertThat(memo.judge(new StringBuilder("DROP TABLE ").append("orders").toString())).isSameAs(first);
        assertThat(memo.judge(select).blocked()).isFalse();
        assertThat(memo.judge(select).sql()).isEqualTo(select);
    }

    @Test
    void neverServesAStringAnotherStringsJudgementEvenWhenTheirSlotsCollide() {
        StatementJudge judge = new StatementJudge(RuleSource.fixed(PRODUCTION), 10_000);
        JudgementMemo memo = new JudgementMemo(judge);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            texts.add(i % 2 == 0 ? "SELECT id FROM t" + i + " WHERE id = 1" : "DROP TABLE t" + i);
        }
        for (int round = 0; round < 3; round++) {
            for (String text : texts) {
                Judgement judgement = memo.judge(text);
                assertThat(judgement.sql()).isEqualTo(text);
                assertThat(judgement.blocked()).as(text).isEqualTo(text.startsWith("DROP"));
            }
        }
    }

    @Test
    void twoStringsThatShareASlotBothStay() {
        // a shared cache of one entry: a string the memo lost comes back as a new judgement
        JudgementMemo memo = new JudgementMemo(new StatementJudge(RuleSource.fixed(PRODUCTION), 1));
        String first = "SELECT 0 FROM t";
        String second = null;
        for (int i = 1; second == null; i++) {
            String candidate = "SELECT " + i + " FROM t";
            if (slot(candidate) == slot(first)) {
                second = candidate;
            }
        }
        Judgement firstJudged = memo.judge(first);
        Judgement secondJudged = memo.judge(second);
        for (int round = 0; round < 3; round++) {
            assertThat(memo.judge(first)).isSameAs(firstJudged);
            assertThat(memo.judge(second)).isSameAs(secondJudged);
        }
    }

    /** The memo's slot for a string, as it computes it (64 slots). */
    private static int slot(String sql) {
        int hash = sql.hashCode();
        return (hash ^ (hash >>> 16)) & 63;
    }

    @Test
    void aReloadIsSeenAtTheNextCall() {
        SwappableRules source = new SwappableRules(PRODUCTION);
        JudgementMemo memo = new JudgementMemo(new StatementJudge(source, 1_000));
        String drop = "DROP TABLE orders";
        assertThat(memo.judge(drop).blocked()).isTrue();

        source.swap(DEVELOPMENT);

        Judgement reloaded = memo.judge(drop);
        assertThat(reloaded.ruleSet()).isSameAs(DEVELOPMENT);
        assertThat(reloaded.blocked()).as("development only warns").isFalse();
        assertThat(memo.judge(drop)).isSameAs(reloaded);
    }

    @Test
    void nullSqlIsRefusedLikeTheJudgeDoes() {
        JudgementMemo memo = new JudgementMemo(new StatementJudge(RuleSource.fixed(PRODUCTION), 10));
        assertThatThrownBy(() -> memo.judge(null)).isInstanceOf(NullPointerException.class);
    }
}
