package io.coursegen.gateway.ops;

import io.coursegen.gateway.ops.OpsView.ConsumerLag;
import io.coursegen.gateway.ops.OpsView.Courses;
import io.coursegen.gateway.ops.OpsView.DeadLetters;
import io.coursegen.gateway.ops.OpsView.Latency;
import io.coursegen.gateway.ops.OpsView.Llm;
import io.coursegen.gateway.ops.OpsView.LlmCalls;
import io.coursegen.gateway.ops.OpsView.ServiceState;
import io.coursegen.gateway.ops.OpsView.Spend;
import io.coursegen.gateway.ops.OpsView.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Computes the ops view from the services' samples, with the metric names the Grafana dashboards and the alert
 * rules in {@code deploy/} use: storage-service's pipeline meters ({@code coursegen_courses_*},
 * {@code coursegen_course_duration_seconds}, {@code coursegen_stage_duration_seconds},
 * {@code coursegen_llm_cost_usd_total}), the generating services' model meters ({@code coursegen_llm_calls_total},
 * {@code coursegen_llm_tokens_total}), the dead-letter counter and the Kafka clients' fetch-manager lag.
 */
final class OpsFigures {

    /** The order a course goes through; stages the meters name beyond these follow alphabetically. */
    private static final List<String> STAGE_ORDER = List.of("outline", "lesson", "picture", "assembly");
    /** Kafka's default client id: {@code consumer-<group>-<sequence>}. */
    private static final Pattern DEFAULT_CLIENT_ID = Pattern.compile("consumer-(.+)-\\d+");
    /** Broadcast groups carry a random id per instance; one row per kind of group keeps the table bounded. */
    private static final Pattern INSTANCE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private OpsFigures() {
    }

    static OpsView compute(List<Scrape> scrapes, ThroughputWindow throughput, Instant now) {
        List<Sample> samples = scrapes.stream().flatMap(scrape -> scrape.samples().stream()).toList();
        return new OpsView(now,
                scrapes.stream().map(scrape -> new ServiceState(scrape.service(), scrape.isUp(), scrape.problem())).toList(),
                courses(samples, throughput),
                latency("completed courses", samples, "coursegen_course_duration_seconds",
                        sample -> sample.label("outcome").equals("completed")),
                stages(samples),
                llm(samples),
                total(samples, "coursegen_pictures_generated_total"),
                sumBy(samples, "coursegen_kafka_dead_letters_total", sample -> sample.label("topic")).entrySet().stream()
                        .map(entry -> new DeadLetters(entry.getKey(), round(entry.getValue()))).toList(),
                consumerLag(scrapes));
    }

    private static Courses courses(List<Sample> samples, ThroughputWindow throughput) {
        Long requested = total(samples, "coursegen_courses_requested_total");
        if (requested == null) {
            return null;
        }
        long completed = orZero(total(samples, "coursegen_courses_completed_total"));
        long failed = orZero(total(samples, "coursegen_courses_failed_total"));
        ThroughputWindow.Rates rates = throughput.record(requested, completed, failed);
        // every storage instance counts the same database: the largest reading is the count
        Long inFlight = named(samples, "coursegen_courses_in_flight").map(Sample::value)
                .max(Double::compare).map(OpsFigures::round).orElse(null);
        return new Courses(requested, completed, failed, orZero(total(samples, "coursegen_courses_cancelled_total")),
                inFlight, rates.requestedPerMinute(), rates.completedPerMinute(), rates.failedPerMinute(),
                rates.windowSeconds());
    }

    private static List<Latency> stages(List<Sample> samples) {
        List<String> stages = Stream.of("_bucket", "_count")
                .flatMap(suffix -> named(samples, "coursegen_stage_duration_seconds" + suffix))
                .map(sample -> sample.label("stage")).distinct()
                .sorted(Comparator.comparing((String stage) -> STAGE_ORDER.contains(stage) ? STAGE_ORDER.indexOf(stage) : STAGE_ORDER.size())
                        .thenComparing(Function.identity()))
                .toList();
        return stages.stream().map(stage -> latency(stage, samples, "coursegen_stage_duration_seconds",
                sample -> sample.label("stage").equals(stage))).toList();
    }

    private static Latency latency(String name, List<Sample> samples, String metric, Predicate<Sample> series) {
        Buckets buckets = new Buckets();
        named(samples, metric + "_bucket").filter(series)
                .forEach(sample -> buckets.add(bound(sample.label("le")), sample.value()));
        double count = named(samples, metric + "_count").filter(series).mapToDouble(Sample::value).sum();
        double sum = named(samples, metric + "_sum").filter(series).mapToDouble(Sample::value).sum();
        return new Latency(name, round(count), count > 0 ? sum / count : null, buckets.quantile(0.5), buckets.quantile(0.95));
    }

    private static Llm llm(List<Sample> samples) {
        Map<List<String>, Double> calls = sumBy(samples, "coursegen_llm_calls_total",
                sample -> List.of(sample.label("model"), sample.label("type"), sample.label("outcome")));
        Map<List<String>, Double> tokens = sumBy(samples, "coursegen_llm_tokens_total",
                sample -> List.of(sample.label("model"), sample.label("kind")));
        Map<String, Double> spend = sumBy(samples, "coursegen_llm_cost_usd_total", sample -> sample.label("model"));
        return new Llm(
                round(calls.values().stream().mapToDouble(Double::doubleValue).sum()),
                calls.entrySet().stream().map(entry -> new LlmCalls(entry.getKey().get(0), entry.getKey().get(1),
                        entry.getKey().get(2), round(entry.getValue()))).toList(),
                tokens.entrySet().stream().map(entry -> new Tokens(entry.getKey().get(0), entry.getKey().get(1),
                        round(entry.getValue()))).toList(),
                named(samples, "coursegen_llm_cost_usd_total").findAny().isPresent()
                        ? spend.values().stream().mapToDouble(Double::doubleValue).sum() : null,
                spend.entrySet().stream().map(entry -> new Spend(entry.getKey(), entry.getValue())).toList());
    }

    /**
     * Lag per service and consumer group. Kafka reports each partition's lag twice, under the topic's name and
     * under its legacy form with dots as underscores ({@code course.status} and {@code course_status}); one of
     * each pair is counted, or every group would show double its lag.
     */
    private static List<ConsumerLag> consumerLag(List<Scrape> scrapes) {
        List<ConsumerLag> lags = new ArrayList<>();
        for (Scrape scrape : scrapes) {
            Map<String, Map<String, Double>> partitionsByGroup = new TreeMap<>();
            Map<String, Double> maxByGroup = new TreeMap<>();
            for (Sample sample : scrape.samples()) {
                if (Double.isNaN(sample.value())) {
                    continue;
                }
                if (sample.name().equals("kafka_consumer_fetch_manager_records_lag")) {
                    String partition = sample.label("client_id") + "/" + sample.label("topic").replace('.', '_')
                            + "/" + sample.label("partition");
                    partitionsByGroup.computeIfAbsent(group(sample), group -> new HashMap<>())
                            .merge(partition, sample.value(), Math::max);
                } else if (sample.name().equals("kafka_consumer_fetch_manager_records_lag_max")) {
                    maxByGroup.merge(group(sample), sample.value(), Math::max);
                }
            }
            Map<String, Boolean> groups = new TreeMap<>();
            partitionsByGroup.keySet().forEach(group -> groups.put(group, true));
            maxByGroup.keySet().forEach(group -> groups.put(group, true));
            for (String group : groups.keySet()) {
                Map<String, Double> partitions = partitionsByGroup.get(group);
                Double max = maxByGroup.get(group);
                lags.add(new ConsumerLag(scrape.service(), group,
                        partitions == null ? null : round(partitions.values().stream().mapToDouble(Double::doubleValue).sum()),
                        max == null ? null : round(max)));
            }
        }
        return lags;
    }

    /** The consumer group a Kafka client belongs to, read from its default client id. */
    static String group(Sample sample) {
        String clientId = sample.label("client_id");
        Matcher matcher = DEFAULT_CLIENT_ID.matcher(clientId);
        String group = matcher.matches() ? matcher.group(1) : clientId;
        return INSTANCE_ID.matcher(group).replaceAll("*");
    }

    private static <K> Map<K, Double> sumBy(List<Sample> samples, String metric, Function<Sample, K> key) {
        Map<K, Double> sums = new LinkedHashMap<>();
        named(samples, metric).sorted(Comparator.comparing(sample -> key.apply(sample).toString()))
                .forEach(sample -> sums.merge(key.apply(sample), sample.value(), Double::sum));
        return sums;
    }

    private static Long total(List<Sample> samples, String metric) {
        List<Sample> series = named(samples, metric).toList();
        return series.isEmpty() ? null : round(series.stream().mapToDouble(Sample::value).sum());
    }

    private static Stream<Sample> named(List<Sample> samples, String metric) {
        return samples.stream().filter(sample -> sample.name().equals(metric));
    }

    private static double bound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static long round(double value) {
        return Math.round(value);
    }
}
