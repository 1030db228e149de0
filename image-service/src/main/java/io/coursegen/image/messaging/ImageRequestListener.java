package io.coursegen.image.messaging;

import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.contracts.Usage;
import io.coursegen.image.media.ContentAddress;
import io.coursegen.image.media.MediaStore;
import io.coursegen.image.planning.PicturePlan;
import io.coursegen.image.planning.ModeratedPicturePlanner;
import io.coursegen.image.planning.PlannedPicture;
import io.coursegen.image.rendering.PictureRenderer;
import io.coursegen.image.rendering.RenderedPicture;
import io.coursegen.kafka.CancelledCourses;
import io.coursegen.kafka.PublishedParts;
import io.coursegen.llm.LlmProvider;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Plan, render, store, announce. Idempotent by construction: a redelivered request stores its picture
 * at a content address (the same bytes at the same key) and announces the part again, which
 * storage-service applies once per courseId and imageId.
 */
@Component
class ImageRequestListener {

    private static final Logger log = LoggerFactory.getLogger(ImageRequestListener.class);

    private final ModeratedPicturePlanner planner;
    private final PictureRenderer renderer;
    private final MediaStore media;
    private final KafkaTemplate<String, Object> kafka;
    private final CancelledCourses cancelled;
    private final PublishedParts published;

    ImageRequestListener(ModeratedPicturePlanner planner, PictureRenderer renderer, MediaStore media,
            KafkaTemplate<String, Object> kafka, CancelledCourses cancelled, PublishedParts published) {
        this.planner = planner;
        this.renderer = renderer;
        this.media = media;
        this.kafka = kafka;
        this.cancelled = cancelled;
        this.published = published;
    }

    /**
     * A cancelled course gets no model call and no output (asked again between the plan and the picture, the
     * dearer call), and neither does a picture already drawn (a request delivered again); returning normally
     * commits its offset. A plan the content policy flagged twice throws a not-retryable {@code FlaggedOutputException}
     * before anything is drawn (the part fails with {@code moderation: <categories>}); a moderation outage throws for
     * the error handler's retries, as a model outage does.
     */
    @KafkaListener(topics = Topics.IMAGE_REQUESTED)
    void on(ImageRequested request) {
        requireIdentity(request);
        if (isCancelled(request, "not planned")) {
            return;
        }
        String part = PublishedParts.key(request.courseId(), partId(request.imageId()), request.revision());
        if (published.contains(part)) {
            log.info("Picture {} of course {} was already drawn (request delivered again): not drawn twice",
                    request.imageId(), request.courseId());
            return;
        }
        long started = System.nanoTime();
        PlannedPicture planned = step("Planning the picture", () -> planner.plan(request));
        PicturePlan plan = planned.plan();
        if (isCancelled(request, "planned but not drawn")) {
            return;
        }
        RenderedPicture picture = step("Drawing the picture",
                () -> renderer.render(plan, request.imageStyle(), request.imageId()));
        ContentAddress stored = step("Storing the picture", () -> media.store(picture.bytes(), picture.contentType()));
        ImageGenerated generated = new ImageGenerated(
                request.courseId(),
                request.imageId(),
                request.lessonId(),
                stored.key(),
                picture.contentType(),
                picture.width(),
                picture.height(),
                stored.byteSize(),
                stored.sha256(),
                plan.visualConcept(),
                plan.caption(),
                plan.altText(),
                plan.promptInStyle(request.imageStyle()),
                withOneImageCall(planned.usage()),
                Instant.now(),
                request.revision());
        kafka.send(Topics.IMAGE_GENERATED, request.courseId(), generated).join();
        published.add(part);
        log.info("Picture {} of course {} stored at {} ({}x{}, {} bytes, concept \"{}\") in {} ms", request.imageId(),
                request.courseId(), stored.key(), picture.width(), picture.height(), stored.byteSize(),
                plan.visualConcept(), (System.nanoTime() - started) / 1_000_000);
    }

    static String partId(String imageId) {
        return "image:" + imageId;
    }

    private boolean isCancelled(ImageRequested request, String outcome) {
        if (!cancelled.contains(request.courseId())) {
            return false;
        }
        log.info("Course {} was cancelled by its owner: picture {} {}", request.courseId(), request.imageId(), outcome);
        return true;
    }

    private static <T> T step(String step, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw new PictureStepException(step, e);
        }
    }

    /** The plan's cost plus the picture; the offline provider calls no model, so it counts no call. */
    private Usage withOneImageCall(Usage planning) {
        String model = planning.model().equals(renderer.model()) ? planning.model() : planning.model() + "+" + renderer.model();
        int imageCalls = LlmProvider.OFFLINE.id().equals(planning.provider()) ? 0 : 1;
        return new Usage(planning.provider(), model, planning.calls() + imageCalls, planning.promptTokens(),
                planning.completionTokens(), planning.images() + 1);
    }

    private static void requireIdentity(ImageRequested request) {
        if (isBlank(request.courseId()) || isBlank(request.imageId())) {
            throw new IllegalArgumentException("image.requested without courseId or imageId cannot be answered: "
                    + request.courseId() + "/" + request.imageId());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
