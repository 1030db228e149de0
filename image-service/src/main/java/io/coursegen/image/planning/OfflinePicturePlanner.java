package io.coursegen.image.planning;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.OfflineTexts;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans without a model: a labelled placeholder that stands for the subject's first key concept. It never
 * claims to be a chosen metaphor; the caption and alt text say what it is, in the course language
 * ({@code offline/picture-<language>.properties}), while the image prompt stays English like the model's.
 * Deterministic. Planned as an {@link OfflineModel} chat call: simulated latency, capacity limits and a span.
 */
class OfflinePicturePlanner implements PicturePlanner {

    /** Keeps the longest caption and alt text well inside {@link PicturePlan#MAX_TEXT_LENGTH}. */
    private static final int MAX_QUOTED_LENGTH = 80;

    private final OfflineModel model;
    private final Map<CourseLanguage, OfflineTexts> texts = new EnumMap<>(CourseLanguage.class);

    OfflinePicturePlanner(OfflineModel model) {
        this.model = model;
        Arrays.stream(CourseLanguage.values()).forEach(language -> texts.put(language, OfflineTexts.load("picture", language)));
    }

    @Override
    public PlannedPicture plan(ImageRequested request, List<String> flaggedCategories) {
        OfflineTexts text = texts.get(CourseLanguage.of(request.language()));
        return model.chat(() -> draft(text, request));
    }

    private static PlannedPicture draft(OfflineTexts text, ImageRequested request) {
        String concept = shorten(conceptOf(request).orElse(text.text("subject.fallback")));
        String subject = shorten(nonBlank(request.subjectTitle()).orElse(concept));
        PicturePlan plan = new PicturePlan(
                text.text("visualConcept", Map.of("concept", concept)),
                caption(text, request, concept, subject),
                text.text("altText", Map.of("concept", concept)),
                "Abstract composition of overlapping coloured geometric shapes standing for \"" + concept
                        + "\"; an offline placeholder, not a depiction.");
        return new PlannedPicture(plan.validated(),
                new Usage(LlmProvider.OFFLINE.id(), LlmProvider.OFFLINE.id(), 0, 0, 0, 0));
    }

    /** A regenerated picture's caption says which revision it is, so it differs visibly from the one it replaces. */
    private static String caption(OfflineTexts text, ImageRequested request, String concept, String subject) {
        String caption = text.text("caption", Map.of("label", text.text("label"), "concept", concept, "subject", subject));
        return request.revision() == null ? caption
                : caption + " " + text.text("caption.revision", Map.of("revision", request.revision()));
    }

    /** The first key concept; the subject's title when the outline named none. */
    private static Optional<String> conceptOf(ImageRequested request) {
        List<String> concepts = request.keyConcepts() == null ? List.of() : request.keyConcepts();
        return concepts.stream()
                .flatMap(concept -> nonBlank(concept).stream())
                .findFirst()
                .or(() -> nonBlank(request.subjectTitle()));
    }

    private static Optional<String> nonBlank(String text) {
        return Optional.ofNullable(text).filter(value -> !value.isBlank());
    }

    private static String shorten(String text) {
        String single = text.strip().replaceAll("\\s+", " ");
        return single.length() <= MAX_QUOTED_LENGTH ? single : single.substring(0, MAX_QUOTED_LENGTH - 1) + "…";
    }
}
