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

    /** The memo's slot for a string at its largest: strings that share it there share it at every size. */
    private static int slot(String sql) {
        return slot(sql, JudgementMemo.MAX_SLOTS);
    }

    /** The memo's slot for a string with {@code slots} slots, as it computes it. */
    private static int slot(String sql, int slots) {
        int hash = sql.hashCode();
        return (hash ^ (hash >>> 16)) & (slots - 1);
    }

    /**
     * Three texts whose slots share one pair with {@code slots} slots, the first two in different pairs with twice as
     * many: once the memo doubled, all three fit.
     */
    private static List<String> threeSharingAPair(int slots) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; texts.size() < 3; i++) {
            String candidate = "SELECT " + i + " FROM t";
            if (texts.isEmpty() || slot(candidate, slots) >> 1 == slot(texts.get(0), slots) >> 1
                    && (texts.size() == 2 || slot(candidate, 2 * slots) >> 1 != slot(texts.get(0), 2 * slots) >> 1)) {
                texts.add(candidate);
            }
        }
        return texts;
    }

    @Test
    void holdsNoSlotsUntilItsFirstJudgementThenStartsSmall() {
        JudgementMemo memo = new JudgementMemo(new StatementJudge(RuleSource.fixed(PRODUCTION), 10));
        assertThat(memo.slots()).isZero();
        memo.judge("SELECT 1");
        assertThat(memo.slots()).isEqualTo(JudgementMemo.INITIAL_SLOTS);
    }

    @Test
    void aThirdStringForAFullPairDoublesTheMemoAndAllThreeAreStillServed() {
        // a shared cache of one entry: a string the memo lost would come back as a new judgement
        JudgementMemo memo = new JudgementMemo(new StatementJudge(RuleSource.fixed(PRODUCTION), 1));
        List<String> texts = threeSharingAPair(JudgementMemo.INITIAL_SLOTS);
        List<Judgement> judged = new ArrayList<>();
        for (String text : texts) {
            judged.add(memo.judge(text));
        }
        assertThat(memo.slots()).isEqualTo(2 * JudgementMemo.INITIAL_SLOTS);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < texts.size(); i++) {
                assertThat(memo.judge(texts.get(i))).isSameAs(judged.get(i));
            }
        }
        assertThat(memo.slots()).isEqualTo(2 * JudgementMemo.INITIAL_SLOTS);
    }

    @Test
    void growsNoFurtherThanItsLargestSize() {
        JudgementMemo memo = new JudgementMemo(new StatementJudge(RuleSource.fixed(PRODUCTION), 10_000));
        for (int i = 0; i < 1_000; i++) {
            String text = "SELECT id FROM t WHERE id = " + i;
            assertThat(memo.judge(text).sql()).isEqualTo(text);
        }
        assertThat(memo.slots()).isEqualTo(JudgementMemo.MAX_SLOTS);
    }

    @Test
    void judgementsOfAnEarlierRuleSetDoNotGrowTheMemo() {
        SwappableRules source = new SwappableRules(PRODUCTION);
        JudgementMemo memo = new JudgementMemo(new StatementJudge(source, 1_000));
        List<String> texts = threeSharingAPair(JudgementMemo.INITIAL_SLOTS);
        memo.judge(texts.get(0));
        memo.judge(texts.get(1));
        source.swap(DEVELOPMENT);
        assertThat(memo.judge(texts.get(2)).ruleSet()).isSameAs(DEVELOPMENT);
        assertThat(memo.slots()).as("the full pair held only judgements no call can be served").isEqualTo(
                JudgementMemo.INITIAL_SLOTS);
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
