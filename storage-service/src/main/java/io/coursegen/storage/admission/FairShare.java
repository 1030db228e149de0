package io.coursegen.storage.admission;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Which tenant's course starts next: none while {@code maxInFlight} courses run; otherwise the waiting tenant with
 * the fewest courses in flight (under its cap), the one waiting longest among equals. This max-min rule gives a
 * tenant that just arrived the next free place, however many courses another tenant has waiting.
 */
record FairShare(int maxInFlight, int maxInFlightPerTenant) {

    /** Whether any course may start now (so the queue is worth reading at all). */
    boolean hasRoom(Map<String, Integer> inFlight) {
        return inFlight.values().stream().mapToInt(Integer::intValue).sum() < maxInFlight;
    }

    /**
     * @param inFlight      by tenant, courses admitted and not final
     * @param oldestWaiting by tenant with courses waiting, when its oldest began to wait
     */
    Optional<String> next(Map<String, Integer> inFlight, Map<String, Instant> oldestWaiting) {
        int running = inFlight.values().stream().mapToInt(Integer::intValue).sum();
        if (running >= maxInFlight) {
            return Optional.empty();
        }
        return oldestWaiting.entrySet().stream()
                .filter(waiting -> inFlight.getOrDefault(waiting.getKey(), 0) < maxInFlightPerTenant)
                .min(Comparator.<Map.Entry<String, Instant>>comparingInt(waiting -> inFlight.getOrDefault(waiting.getKey(), 0))
                        .thenComparing(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }
}
