package io.coursegen.gateway.ops;

import java.time.Instant;
import java.util.List;

/**
 * The JSON of {@code GET /ops/metrics}. Counts and sums are since each service started (they are Prometheus
 * counters); rates are over the window this gateway has watched, at most {@code coursegen.ops.rate-window}.
 * A figure no service answered for is null, so the page shows it as unknown rather than 0.
 */
record OpsView(
        Instant collectedAt,
        List<ServiceState> services,
        Courses courses,
        Latency courseLatency,
        List<Latency> stages,
        Llm llm,
        Long picturesGenerated,
        List<DeadLetters> deadLetters,
        List<ConsumerLag> consumerLag) {

    /** @param problem why the service could not be read, null when it answered */
    record ServiceState(String name, boolean up, String problem) {
    }

    /**
     * @param inFlight          courses not final (storage-service counts them every few seconds)
     * @param rateWindowSeconds what the per-minute rates are measured over; null until two readings exist
     */
    record Courses(long requested, long completed, long failed, long cancelled, Long inFlight,
            Double requestedPerMinute, Double completedPerMinute, Double failedPerMinute, Long rateWindowSeconds) {
    }

    /**
     * Latency of completed courses or of one stage; p50 and p95 from the histogram's buckets, null where the
     * buckets are missing (then only the mean is known) or nothing was observed yet.
     */
    record Latency(String name, long count, Double meanSeconds, Double p50Seconds, Double p95Seconds) {
    }

    /** @param spendUsd estimated from storage-service's price table ({@code coursegen.pricing}) */
    record Llm(long calls, List<LlmCalls> callsByModel, List<Tokens> tokens, Double spendUsd, List<Spend> spendByModel) {
    }

    record LlmCalls(String model, String type, String outcome, long count) {
    }

    record Tokens(String model, String kind, long count) {
    }

    record Spend(String model, double usd) {
    }

    record DeadLetters(String topic, long count) {
    }

    /**
     * @param lag    records not yet consumed, summed over the group's partitions; null until the Kafka client
     *               reports per-partition lag (Micrometer binds it on a rescan, about a minute after start)
     * @param maxLag the largest lag of any partition in the Kafka client's recent sample window
     */
    record ConsumerLag(String service, String group, Long lag, Long maxLag) {
    }
}
