package dev.jdbcguard.driver.plan;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One kind of {@link ExplainService} verdict (first EXPLAINs, or rechecks): the requests not answered yet in a plain
 * map, the answers in a bounded Caffeine cache that is built at the first answer. Why two places: a fresh JVM's first
 * Caffeine cache costs about 100 ms of class loading and set-up (issue 15: start-up), and the first request of a JVM
 * comes from its first statement, on the application's thread, before its first query completes; the first answer
 * comes from the EXPLAIN thread, while the application goes on. A request is in the map from its first sighting until
 * its answer is in the cache (put first, then removed), so a lookup that checks the map first and the cache second
 * finds one or the other, and concurrent first sightings share one request.
 *
 * <p>Thread-safe. Lookups cost one hash probe of the map, plus the cache's when there is one.
 */
final class Verdicts {

    private final ConcurrentHashMap<Object, PlanVerdict.Pending> unanswered = new ConcurrentHashMap<>();
    private final Supplier<Cache<Object, PlanVerdict>> build;
    private final AtomicReference<Cache<Object, PlanVerdict>> answered = new AtomicReference<>();

    /** @param build makes the cache of answers, at the first answer */
    Verdicts(Supplier<Cache<Object, PlanVerdict>> build) {
        this.build = build;
    }

    /** The request in flight or the cached answer for {@code fingerprint}; null for neither. */
    PlanVerdict get(Object fingerprint) {
        PlanVerdict.Pending pending = unanswered.get(fingerprint);
        if (pending != null) {
            return pending;
        }
        Cache<Object, PlanVerdict> cache = answered.get();
        return cache == null ? null : cache.getIfPresent(fingerprint);
    }

    /**
     * Makes {@code pending} the request for {@code fingerprint}, unless another request or an answer got there first.
     *
     * @return null when {@code pending} is now the request; else the verdict that got there first
     */
    PlanVerdict claim(Object fingerprint, PlanVerdict.Pending pending) {
        PlanVerdict.Pending raced = unanswered.putIfAbsent(fingerprint, pending);
        if (raced != null) {
            return raced;
        }
        Cache<Object, PlanVerdict> cache = answered.get();
        PlanVerdict answer = cache == null ? null : cache.getIfPresent(fingerprint);
        if (answer != null) { // answered between the caller's lookup and this claim
            unanswered.remove(fingerprint, pending);
        }
        return answer;
    }

    /** The answer to {@code pending}: into the cache, then out of the requests. */
    void answer(Object fingerprint, PlanVerdict.Pending pending, PlanVerdict verdict) {
        cache().put(fingerprint, verdict);
        unanswered.remove(fingerprint, pending);
    }

    /** {@code pending} will not be answered (dropped, closed, connection lost): asked for again next time. */
    void drop(Object fingerprint, PlanVerdict.Pending pending) {
        unanswered.remove(fingerprint, pending);
    }

    /** The requests not answered yet. */
    Collection<PlanVerdict.Pending> unanswered() {
        return unanswered.values();
    }

    /** Forgets every request and answer. */
    void clear() {
        unanswered.clear();
        Cache<Object, PlanVerdict> cache = answered.get();
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** The cache of answers, built by the first answer (two racing first answers may build two; one is kept). */
    private Cache<Object, PlanVerdict> cache() {
        Cache<Object, PlanVerdict> cache = answered.get();
        return cache != null ? cache : answered.updateAndGet(built -> built != null ? built : build.get());
    }
}
