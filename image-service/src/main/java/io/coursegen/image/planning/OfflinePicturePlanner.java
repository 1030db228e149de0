package io.coursegen.image.planning;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.SimulatedLatency;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Plans without a model: a labelled placeholder that stands for the subject's first key concept. It never
 * claims to be a chosen metaphor; the caption and alt text say what it is. Deterministic.
 */
class OfflinePicturePlanner implements PicturePlanner {

    static final String CAPTION_LABEL = "[Offline placeholder]";

    /** Keeps the longest caption and alt text well inside {@link PicturePlan#MAX_TEXT_LENGTH}. */
    private static final int MAX_QUOTED_LENGTH = 80;

    private final Duration latency;

    OfflinePicturePlanner(Duration latency) {
        this.latency = latency;
    }

    @Override
    public PlannedPicture plan(ImageRequested request) {
        SimulatedLatency.pause(latency);
        String concept = shorten(conceptOf(request));
        String subject = shorten(nonBlank(request.subjectTitle()).orElse(concept));
        PicturePlan plan = new PicturePlan(
                "Abstract placeholder for \"" + concept + "\"",
                CAPTION_LABEL + " Abstract shapes standing for \"" + concept + "\" in \"" + subject
                        + "\"; drawn without an image model.",
                "An abstract placeholder picture of coloured geometric shapes that stands for the concept \""
                        + concept + "\"; it was drawn offline and does not depict the concept.",
                "Abstract composition of overlapping coloured geometric shapes standing for \"" + concept
                        + "\"; an offline placeholder, not a depiction.");
        return new PlannedPicture(plan.validated(),
                new Usage(LlmProvider.OFFLINE.id(), LlmProvider.OFFLINE.id(), 0, 0, 0, 0));
    }

    /** The first key concept; the subject's title when the outline named none. */
    private static String conceptOf(ImageRequested request) {
        List<String> concepts = request.keyConcepts() == null ? List.of() : request.keyConcepts();
        return concepts.stream()
                .flatMap(concept -> nonBlank(concept).stream())
                .findFirst()
                .or(() -> nonBlank(request.subjectTitle()))
                .orElse("the subject");
    }

    private static Optional<String> nonBlank(String text) {
        return Optional.ofNullable(text).filter(value -> !value.isBlank());
    }

    private static String shorten(String text) {
        String single = text.strip().replaceAll("\\s+", " ");
        return single.length() <= MAX_QUOTED_LENGTH ? single : single.substring(0, MAX_QUOTED_LENGTH - 1) + "…";
    }
}
