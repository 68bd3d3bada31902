package dev.jdbcguard.driver.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private final AtomicInteger built = new AtomicInteger();
    private final Verdicts verdicts = new Verdicts(() -> {
        built.incrementAndGet();
        return Caffeine.newBuilder().maximumSize(10).executor(Runnable::run).build();
    });

    @Test
    void aRequestInFlightIsSharedAndBuildsNoCacheUntilItIsAnswered() {
        PlanVerdict.Pending first = new PlanVerdict.Pending();
        PlanVerdict.Pending second = new PlanVerdict.Pending();

        assertThat(verdicts.get("select ?")).isNull();
        assertThat(verdicts.claim("select ?", first)).isNull();
        assertThat(verdicts.claim("select ?", second)).isSameAs(first);
        assertThat(verdicts.get("select ?")).isSameAs(first);
        assertThat(verdicts.unanswered()).containsExactly(first);
        assertThat(built).as("the cache is built by the first answer, not by a request").hasValue(0);

        PlanVerdict answer = new PlanVerdict.Unexplained("the server refused EXPLAIN");
        verdicts.answer("select ?", first, answer);

        assertThat(verdicts.get("select ?")).isSameAs(answer);
        assertThat(verdicts.unanswered()).isEmpty();
        assertThat(built).hasValue(1);
        assertThat(verdicts.claim("select ?", second)).as("answered: nothing to request").isSameAs(answer);
        assertThat(verdicts.unanswered()).isEmpty();
    }

    @Test
    void aDroppedRequestIsAskedForAgainAndClearForgetsEverything() {
        PlanVerdict.Pending dropped = new PlanVerdict.Pending();
        verdicts.claim("select a", dropped);
        verdicts.drop("select a", dropped);
        assertThat(verdicts.get("select a")).isNull();

        PlanVerdict.Pending again = new PlanVerdict.Pending();
        assertThat(verdicts.claim("select a", again)).isNull();
        verdicts.answer("select a", again, new PlanVerdict.Unexplained("no plan"));
        PlanVerdict.Pending other = new PlanVerdict.Pending();
        verdicts.claim("select b", other);

        verdicts.clear();
        assertThat(verdicts.get("select a")).isNull();
        assertThat(verdicts.get("select b")).isNull();
        assertThat(verdicts.unanswered()).isEmpty();
    }

    /** Lookups racing an answer always find the request or the answer: none asks twice for an answered shape. */
    @Test
    void lookupsRacingTheAnswerFindTheRequestOrTheAnswer() throws Exception {
        for (int round = 0; round < 200; round++) {
            String shape = "select " + round;
            PlanVerdict.Pending request = new PlanVerdict.Pending();
            assertThat(verdicts.claim(shape, request)).isNull();
            PlanVerdict answer = new PlanVerdict.Unexplained("round " + round);
            CountDownLatch go = new CountDownLatch(1);
            List<PlanVerdict> seen = new ArrayList<>();
            Thread reader = new Thread(() -> {
                await(go);
                for (int i = 0; i < 1_000; i++) {
                    PlanVerdict found = verdicts.get(shape);
                    if (found == null) {
                        synchronized (seen) {
                            seen.add(null);
                        }
                        return;
                    }
                }
            });
            reader.start();
            go.countDown();
            verdicts.answer(shape, request, answer);
            reader.join();
            assertThat(seen).as("round %d: a lookup found neither the request nor the answer", round).isEmpty();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
