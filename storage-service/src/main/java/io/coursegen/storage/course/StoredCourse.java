package io.coursegen.storage.course;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Usage;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A course document as read from MongoDB. Maps are keyed by the original ids; anything not yet known is
 * null (or an empty map).
 *
 * @param spec       null only for a provisional document (a late part of a deleted course)
 * @param outline    null until {@code course.outlined} was applied
 * @param lessons    by lessonId: the plan from the outline and/or the written lesson, whichever arrived
 * @param images     by imageId ({@code cover} or a lessonId)
 * @param outlineUsage what the outline cost; each lesson and picture keeps its own usage beside it, and totals
 *                   are summed when read, so a replayed event overwrites its entry instead of counting twice
 * @param failures   by part id
 * @param revision   incremented by every applied event; the status decision is written only if no event
 *                   was applied since it was read
 * @param partsDone  as of the last status decision
 * @param partsTotal as of the last status decision, 0 while neither the request nor the outline is known
 * @param regenerations by lessonId: the latest regeneration the owner asked for, or the latest hand edit
 * @param imageVersions by imageId: pictures shown before a regeneration replaced them, oldest first
 * @param estimate   cost and completion as estimated at submission; null for courses submitted before estimates
 * @param review     where the owner's review of the outline stands; null for a course that is not reviewed
 */
public record StoredCourse(
        String courseId,
        String tenantId,
        CourseStatus status,
        CourseSpec spec,
        StoredOutline outline,
        Map<String, StoredLesson> lessons,
        Map<String, StoredImage> images,
        Usage outlineUsage,
        Map<String, Failure> failures,
        long revision,
        int partsDone,
        int partsTotal,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        Map<String, Regeneration> regenerations,
        Map<String, List<StoredImage>> imageVersions,
        Estimate estimate,
        Review review) {

    public StoredCourse(String courseId, String tenantId, CourseStatus status, CourseSpec spec, StoredOutline outline,
            Map<String, StoredLesson> lessons, Map<String, StoredImage> images, Usage outlineUsage,
            Map<String, Failure> failures, long revision, int partsDone, int partsTotal, String error,
            Instant createdAt, Instant updatedAt, Instant completedAt, Map<String, Regeneration> regenerations,
            Map<String, List<StoredImage>> imageVersions, Estimate estimate) {
        this(courseId, tenantId, status, spec, outline, lessons, images, outlineUsage, failures, revision, partsDone,
                partsTotal, error, createdAt, updatedAt, completedAt, regenerations, imageVersions, estimate, null);
    }

    public StoredCourse(String courseId, String tenantId, CourseStatus status, CourseSpec spec, StoredOutline outline,
            Map<String, StoredLesson> lessons, Map<String, StoredImage> images, Usage outlineUsage,
            Map<String, Failure> failures, long revision, int partsDone, int partsTotal, String error,
            Instant createdAt, Instant updatedAt, Instant completedAt, Map<String, Regeneration> regenerations,
            Map<String, List<StoredImage>> imageVersions) {
        this(courseId, tenantId, status, spec, outline, lessons, images, outlineUsage, failures, revision, partsDone,
                partsTotal, error, createdAt, updatedAt, completedAt, regenerations, imageVersions, null);
    }

    /** A course no lesson of which was ever regenerated. */
    public StoredCourse(String courseId, String tenantId, CourseStatus status, CourseSpec spec, StoredOutline outline,
            Map<String, StoredLesson> lessons, Map<String, StoredImage> images, Usage outlineUsage,
            Map<String, Failure> failures, long revision, int partsDone, int partsTotal, String error,
            Instant createdAt, Instant updatedAt, Instant completedAt) {
        this(courseId, tenantId, status, spec, outline, lessons, images, outlineUsage, failures, revision, partsDone,
                partsTotal, error, createdAt, updatedAt, completedAt, Map.of(), Map.of());
    }

    /**
     * The outline as planned (or as its owner edited it): the stored outline with the lessons' plans in teaching
     * order; null before the outline arrived.
     */
    public Outline plannedOutline() {
        if (outline == null) {
            return null;
        }
        List<Outline.OutlineLesson> planned = lessons.values().stream()
                .map(StoredLesson::plan)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparingInt(Outline.OutlineLesson::position)
                        .thenComparing(Outline.OutlineLesson::lessonId))
                .toList();
        return new Outline(outline.title(), outline.description(), outline.audience(), outline.prerequisites(),
                outline.learningObjectives(), planned);
    }

    /**
     * A reviewed course's review.
     *
     * @param outlineRevision 1 as the model wrote the outline, one more for each edit its owner saved
     * @param approvedAt      null until the owner approved the outline
     * @param admitted        whether the course holds a place in the generation capacity now (before its outline,
     *                        and again once an approved outline was admitted)
     */
    public record Review(int outlineRevision, Instant approvedAt, boolean admitted) {

        public boolean awaitsApproval() {
            return approvedAt == null;
        }

        public boolean awaitsAdmission() {
            return approvedAt != null && !admitted;
        }
    }

    /** The outline without its lessons, which live in {@link #lessons()}. */
    public record StoredOutline(String title, String description, String audience, List<String> prerequisites,
                                List<String> learningObjectives) {

        public static StoredOutline of(Outline outline) {
            return new StoredOutline(outline.title(), outline.description(), outline.audience(),
                    outline.prerequisites(), outline.learningObjectives());
        }
    }

    /**
     * @param plan     null until the outline arrived
     * @param content  null until the lesson was written
     * @param usage    what writing the shown content cost; null for a hand edit
     * @param generatedAt when the model wrote the shown content; null for a hand edit
     * @param revision of the shown content: 1 for the first generation (or null if stored before revisions)
     * @param versions texts shown before a regeneration or a hand edit replaced them, oldest first
     * @param editedAt when its owner wrote the shown content by hand; null for a model's text
     */
    public record StoredLesson(String lessonId, Outline.OutlineLesson plan, Lesson content, Usage usage,
                               Instant generatedAt, Integer revision, List<LessonVersion> versions, Instant editedAt) {

        public StoredLesson(String lessonId, Outline.OutlineLesson plan, Lesson content, Usage usage,
                Instant generatedAt) {
            this(lessonId, plan, content, usage, generatedAt, null, List.of(), null);
        }
    }

    /** A lesson text no longer shown; {@code editedAt} as in {@link StoredLesson}. */
    public record LessonVersion(Integer revision, Lesson content, Usage usage, Instant generatedAt, Instant editedAt) {
    }

    /**
     * What {@code image.generated} said about a picture, minus the course id and the time.
     *
     * @param revision 1 for the first generation (or null if stored before revisions)
     */
    public record StoredImage(String imageId, String lessonId, String objectKey, String contentType, int width,
                              int height, long byteSize, String sha256, String visualConcept, String caption,
                              String altText, String prompt, Usage usage, Integer revision) {

        public StoredImage(String imageId, String lessonId, String objectKey, String contentType, int width,
                int height, long byteSize, String sha256, String visualConcept, String caption, String altText,
                String prompt, Usage usage) {
            this(imageId, lessonId, objectKey, contentType, width, height, byteSize, sha256, visualConcept, caption,
                    altText, prompt, usage, null);
        }
    }

    /**
     * The owner's latest request to write a lesson and its picture again.
     *
     * @param revision      the revision requested, or the one a hand edit made ({@code storage.editing}, which
     *                      changes only this); results of older revisions are kept as versions, not shown
     * @param lessonPending until a text of this revision (or newer) arrived
     * @param imagePending  until a picture of this revision (or newer) arrived
     */
    public record Regeneration(String lessonId, int revision, String instructions, boolean lessonPending,
                               boolean imagePending) {
    }

    public record Failure(String partId, String reason, Instant failedAt) {
    }
}
