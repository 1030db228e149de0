package io.coursegen.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coursegen.gateway.ops.OpsView.ConsumerLag;
import io.coursegen.gateway.ops.OpsView.LlmCalls;
import io.coursegen.gateway.ops.OpsView.ServiceState;
import io.coursegen.gateway.ops.OpsView.Spend;
import io.coursegen.gateway.ops.OpsView.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsFiguresTest {

    private static final Instant NOW = Instant.parse("2026-11-29T05:00:00Z");

    /** The meters LlmResilience and storage-service's PipelineMeters register, with their tags, after a run. */
    private static final String MODEL_METERS = """
            # TYPE coursegen_llm_calls_total counter
            coursegen_llm_calls_total{model="gpt-4.1-mini",outcome="success",provider="openai",type="chat"} 5.0
            coursegen_llm_calls_total{model="gpt-4.1-mini",outcome="rate_limited",provider="openai",type="chat"} 2.0
            # TYPE coursegen_llm_tokens_total counter
            coursegen_llm_tokens_total{kind="prompt",model="gpt-4.1-mini"} 1200.0
            coursegen_llm_tokens_total{kind="completion",model="gpt-4.1-mini"} 800.0
            """;
    private static final String IMAGE_METERS = """
            coursegen_llm_calls_total{model="gpt-4.1-mini",outcome="success",provider="openai",type="chat"} 3.0
            coursegen_llm_calls_total{model="gpt-image-1",outcome="success",provider="openai",type="image"} 3.0
            coursegen_kafka_dead_letters_total{topic="image.requested"} 1.0
            """;
    private static final String STORAGE_SPEND = """
            coursegen_llm_cost_usd_total{model="gpt-4.1-mini"} 0.0125
            coursegen_llm_cost_usd_total{model="gpt-image-1"} 0.126
            coursegen_llm_cost_usd_total{model="offline"} 0.0
            """;

    private final ThroughputWindow throughput = new ThroughputWindow(Duration.ofMinutes(5), Clock.systemUTC());

    @Test
    void countsCoursesAndPicturesFromTheCapturedRun() {
        OpsView view = OpsFigures.compute(List.of(OpsFixtures.scrape("storage-service")), throughput, NOW);

        assertThat(view.collectedAt()).isEqualTo(NOW);
        assertThat(view.courses().requested()).isEqualTo(2);
        assertThat(view.courses().completed()).isEqualTo(2);
        assertThat(view.courses().failed()).isZero();
        assertThat(view.courses().cancelled()).isZero();
        assertThat(view.courses().inFlight()).isZero();
        assertThat(view.courses().requestedPerMinute()).as("one reading is no rate").isNull();
        assertThat(view.picturesGenerated()).isEqualTo(6);
    }

    @Test
    void latenciesComeFromTheHistogramBucketsWithMeansFromSumAndCount() {
        OpsView view = OpsFigures.compute(List.of(OpsFixtures.scrape("storage-service")), throughput, NOW);

        assertThat(view.courseLatency().count()).isEqualTo(2);
        assertThat(view.courseLatency().meanSeconds()).isCloseTo(3.356 / 2, within(1e-9));
        // what histogram_quantile gives for the captured buckets
        assertThat(view.courseLatency().p50Seconds()).isCloseTo(1.789569706, within(1e-6));
        assertThat(view.courseLatency().p95Seconds()).isCloseTo(2.1116922529, within(1e-6));
        assertThat(view.stages()).extracting(OpsView.Latency::name).containsExactly("outline", "lesson", "picture", "assembly");
        assertThat(view.stages()).extracting(OpsView.Latency::count).containsExactly(2L, 4L, 6L, 2L);
        OpsView.Latency outline = view.stages().get(0);
        assertThat(outline.meanSeconds()).isCloseTo(0.307085948 / 2, within(1e-9));
        assertThat(outline.p50Seconds()).isCloseTo(0.022369621, within(1e-6));
        assertThat(outline.p95Seconds()).isCloseTo(0.3489660925, within(1e-6));
        assertThat(outline.p50Seconds()).isLessThanOrEqualTo(outline.p95Seconds());
    }

    @Test
    void withoutBucketsAStageShowsItsMeanOnly() {
        Scrape storage = Scrape.up("storage-service", PrometheusText.parse("""
                coursegen_courses_requested_total 1.0
                coursegen_stage_duration_seconds_count{stage="picture plan"} 4
                coursegen_stage_duration_seconds_sum{stage="picture plan"} 10.0
                """));

        OpsView view = OpsFigures.compute(List.of(storage), throughput, NOW);

        assertThat(view.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.name()).isEqualTo("picture plan");
            assertThat(stage.meanSeconds()).isEqualTo(2.5);
            assertThat(stage.p50Seconds()).isNull();
            assertThat(stage.p95Seconds()).isNull();
        });
        assertThat(view.courseLatency().count()).isZero();
        assertThat(view.courseLatency().meanSeconds()).isNull();
    }

    @Test
    void modelCallsAddUpAcrossServicesByModelTypeAndOutcomeWithTokensAndSpend() {
        OpsView view = OpsFigures.compute(List.of(
                Scrape.up("outline-service", PrometheusText.parse(MODEL_METERS)),
                Scrape.up("image-service", PrometheusText.parse(IMAGE_METERS)),
                Scrape.up("storage-service", PrometheusText.parse(STORAGE_SPEND))), throughput, NOW);

        assertThat(view.llm().calls()).isEqualTo(13);
        assertThat(view.llm().callsByModel()).containsExactly(
                new LlmCalls("gpt-4.1-mini", "chat", "rate_limited", 2),
                new LlmCalls("gpt-4.1-mini", "chat", "success", 8),
                new LlmCalls("gpt-image-1", "image", "success", 3));
        assertThat(view.llm().tokens()).containsExactly(
                new Tokens("gpt-4.1-mini", "completion", 800), new Tokens("gpt-4.1-mini", "prompt", 1200));
        assertThat(view.llm().spendUsd()).isCloseTo(0.1385, within(1e-12));
        assertThat(view.llm().spendByModel()).containsExactly(new Spend("gpt-4.1-mini", 0.0125),
                new Spend("gpt-image-1", 0.126), new Spend("offline", 0.0));
        assertThat(view.deadLetters()).containsExactly(new OpsView.DeadLetters("image.requested", 1));
        assertThat(view.courses()).as("no service exported the course counters").isNull();
    }

    @Test
    void theModelMetersOfARealRunAreReadByModelTypeAndOutcome() {
        OpsView view = OpsFigures.compute(List.of(OpsFixtures.scrape("image-service")), throughput, NOW);

        assertThat(view.llm().calls()).isEqualTo(12);
        assertThat(view.llm().callsByModel()).containsExactly(
                new LlmCalls("ops-chat", "chat", "success", 6), new LlmCalls("ops-image", "image", "success", 6));
        assertThat(view.llm().tokens()).containsExactly(
                new Tokens("ops-chat", "completion", 600), new Tokens("ops-chat", "prompt", 5565));
        assertThat(view.consumerLag()).extracting(ConsumerLag::group)
                .containsExactly("image-service", "image-service.cancellations.*");
    }

    @Test
    void consumerLagIsPerGroupCountingEachPartitionOnceThoughKafkaReportsItUnderTwoTopicNames() {
        Scrape content = Scrape.up("content-service", PrometheusText.parse("""
                kafka_consumer_fetch_manager_records_lag{client_id="consumer-content-service-14",partition="2",topic="lesson.requested"} 3.0
                kafka_consumer_fetch_manager_records_lag{client_id="consumer-content-service-14",partition="2",topic="lesson_requested"} 3.0
                kafka_consumer_fetch_manager_records_lag{client_id="consumer-content-service-15",partition="0",topic="lesson.requested"} 2.0
                kafka_consumer_fetch_manager_records_lag{client_id="consumer-content-service-15",partition="0",topic="lesson_requested"} 2.0
                kafka_consumer_fetch_manager_records_lag{client_id="consumer-content-service-15",partition="1",topic="lesson.requested"} NaN
                kafka_consumer_fetch_manager_records_lag_max{client_id="consumer-content-service-14"} 4.0
                kafka_consumer_fetch_manager_records_lag_max{client_id="consumer-content-service-15"} 2.0
                kafka_consumer_fetch_manager_records_lag_max{client_id="consumer-content-service.cancellations.29224ab2-7d5f-44cc-a63f-55f9b3139fcb-16"} 0.0
                """));

        OpsView view = OpsFigures.compute(List.of(content), throughput, NOW);

        assertThat(view.consumerLag()).containsExactly(
                new ConsumerLag("content-service", "content-service", 5L, 4L),
                new ConsumerLag("content-service", "content-service.cancellations.*", null, 0L));
    }

    @Test
    void theCapturedRunShowsEveryConsumerGroupOfTheService() {
        OpsView view = OpsFigures.compute(List.of(OpsFixtures.scrape("content-service")), throughput, NOW);

        assertThat(view.consumerLag()).extracting(ConsumerLag::group)
                .containsExactly("content-service", "content-service.cancellations.*");
        assertThat(view.consumerLag()).allSatisfy(lag -> {
            assertThat(lag.service()).isEqualTo("content-service");
            assertThat(lag.lag()).isZero();
        });
        assertThat(view.consumerLag().get(0).maxLag()).isEqualTo(1L);
    }

    @Test
    void anUnavailableServiceIsListedWithItsReasonAndItsFiguresAreUnknown() {
        OpsView view = OpsFigures.compute(List.of(
                Scrape.up("gateway-service", List.of(new Sample("process_uptime_seconds", Map.of(), 1))),
                Scrape.unavailable("storage-service", "not reachable")), throughput, NOW);

        assertThat(view.services()).containsExactly(new ServiceState("gateway-service", true, null),
                new ServiceState("storage-service", false, "not reachable"));
        assertThat(view.courses()).isNull();
        assertThat(view.picturesGenerated()).isNull();
        assertThat(view.llm().spendUsd()).isNull();
        assertThat(view.llm().calls()).isZero();
        assertThat(view.stages()).isEmpty();
    }

    @Test
    void ratesFollowTheCourseCountersBetweenPolls() {
        MovingClock clock = new MovingClock();
        ThroughputWindow window = new ThroughputWindow(Duration.ofMinutes(5), clock);
        OpsFigures.compute(List.of(storageWith(4, 2)), window, NOW);
        clock.now = clock.now.plusSeconds(20);

        OpsView view = OpsFigures.compute(List.of(storageWith(6, 5)), window, NOW);

        assertThat(view.courses().requestedPerMinute()).isCloseTo(6.0, within(1e-9));
        assertThat(view.courses().completedPerMinute()).isCloseTo(9.0, within(1e-9));
        assertThat(view.courses().rateWindowSeconds()).isEqualTo(20);
    }

    private static Scrape storageWith(int requested, int completed) {
        return Scrape.up("storage-service", PrometheusText.parse("""
                coursegen_courses_requested_total %d
                coursegen_courses_completed_total %d
                coursegen_courses_in_flight 2.0
                """.formatted(requested, completed)));
    }

    private static final class MovingClock extends Clock {

        private Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
