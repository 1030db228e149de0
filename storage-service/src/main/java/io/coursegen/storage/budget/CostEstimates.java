package io.coursegen.storage.budget;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.storage.admission.CourseAdmissions;
import io.coursegen.storage.course.Estimate;
import io.coursegen.storage.metrics.CourseMetering;
import io.coursegen.storage.metrics.ModelPrices;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A course's expected cost and completion. Cost: one outline call, one lesson call per lesson and one planned and
 * drawn picture per lesson plus the cover, at the price table. Completion: the courses waiting ahead pass through
 * admission's capacity in rounds of a typical course's duration, and this one takes one more round.
 */
@Component
@EnableConfigurationProperties(EstimateProperties.class)
public class CostEstimates {

    private final EstimateProperties expected;
    private final ModelPrices prices;
    private final CourseAdmissions admissions;
    private final CourseMetering metering;

    CostEstimates(EstimateProperties expected, ModelPrices prices, CourseAdmissions admissions, CourseMetering metering) {
        this.expected = expected;
        this.prices = prices;
        this.admissions = admissions;
        this.metering = metering;
    }

    /** The estimate for a course submitted now. */
    public Mono<Estimate> of(CourseSpec spec, Instant now) {
        // to the micro-dollar, as the budget counts
        return admissions.waitingCount().map(waitingAhead -> new Estimate(
                Math.round(costUsd(spec.lessonCount()) * 1_000_000) / 1_000_000.0, completesAt(waitingAhead, now)));
    }

    /** USD a course of this many lessons is expected to cost. */
    public double costUsd(int lessonCount) {
        return chat(expected.outlinePromptTokens(), expected.outlineCompletionTokens())
                + lessonCount * chat(expected.lessonPromptTokens(), expected.lessonCompletionTokens())
                + (lessonCount + 1) * pictureUsd();
    }

    /** USD one lesson written again is expected to cost: its text and its picture. */
    double regenerationUsd() {
        return chat(expected.lessonPromptTokens(), expected.lessonCompletionTokens()) + pictureUsd();
    }

    private Instant completesAt(long waitingAhead, Instant now) {
        int capacity = admissions.capacity();
        if (capacity == 0) {
            return null;
        }
        Duration round = metering.typicalCourseDuration().orElse(expected.courseDuration());
        return now.plus(round.multipliedBy(1 + waitingAhead / capacity));
    }

    private double pictureUsd() {
        return chat(expected.picturePromptTokens(), expected.pictureCompletionTokens())
                + prices.costUsd(expected.imageModel(), 0, 0, 1);
    }

    private double chat(long prompt, long completion) {
        return prices.costUsd(expected.chatModel(), prompt, completion, 0);
    }
}
