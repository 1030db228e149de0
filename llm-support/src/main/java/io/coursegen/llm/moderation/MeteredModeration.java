package io.coursegen.llm.moderation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * Counts every check that reaches the provider ({@value #CALLS}, tags {@code provider} and {@code outcome}:
 * {@code passed}, {@code flagged} or {@code failed}) and times it ({@value #DURATION}). A check of only blank texts is
 * answered here, without a call.
 */
public final class MeteredModeration implements ContentModeration {

    public static final String CALLS = "coursegen.moderation.calls";
    public static final String DURATION = "coursegen.moderation.call.duration";

    private final ContentModeration delegate;
    private final String provider;
    private final MeterRegistry meters;

    public MeteredModeration(ContentModeration delegate, String provider, MeterRegistry meters) {
        this.delegate = delegate;
        this.provider = provider;
        this.meters = meters;
    }

    @Override
    public Verdict check(List<String> texts) {
        if (texts.stream().allMatch(text -> text == null || text.isBlank())) {
            return Verdict.PASSED;
        }
        Timer.Sample started = Timer.start(meters);
        String outcome = "failed";
        try {
            Verdict verdict = delegate.check(texts);
            outcome = verdict.flagged() ? "flagged" : "passed";
            return verdict;
        } finally {
            Tags tags = Tags.of("provider", provider, "outcome", outcome);
            meters.counter(CALLS, tags).increment();
            started.stop(Timer.builder(DURATION).tags(tags).register(meters));
        }
    }
}
