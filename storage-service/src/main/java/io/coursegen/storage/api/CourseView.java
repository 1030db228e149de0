package io.coursegen.storage.api;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Lesson;
import io.coursegen.storage.course.Estimate;
import io.coursegen.storage.course.UsageTotals;
import java.time.Instant;
import java.util.List;

/**
 * One course as clients see it. {@code outline} and {@code cover} are null until known; {@code lessons} appear
 * with the outline, in position order. {@code estimate} is the cost and completion expected at submission.
 */
record CourseView(
        String courseId,
        CourseStatus status,
        CourseSpec request,
        Progress progress,
        OutlineView outline,
        ImageView cover,
        List<LessonView> lessons,
        UsageTotals usage,
        Estimate estimate,
        List<FailureView> failures,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    record Progress(int partsDone, int partsTotal, int percent) {

        static Progress of(int partsDone, int partsTotal) {
            return new Progress(partsDone, partsTotal, partsTotal == 0 ? 0 : partsDone * 100 / partsTotal);
        }
    }

    record OutlineView(String title, String description, String audience, List<String> prerequisites,
                       List<String> learningObjectives) {
    }

    /** @param url presigned GET URL, valid for {@code coursegen.s3.url-expiry} */
    record ImageView(String imageId, String url, String contentType, int width, int height, long byteSize,
                     String sha256, String visualConcept, String caption, String altText) {
    }

    /**
     * @param module   title of the module the lesson belongs to; null for outlines made before modules existed
     * @param status   DONE once written; FAILED if its text failed for good; PENDING otherwise
     * @param markdown null until written
     * @param image    its illustration, null until drawn
     * @param revision of the shown text: 1 for the first generation, higher after regenerations and hand edits; null
     *                 until written
     * @param editedAt when the owner wrote the shown revision by hand (its text, takeaways, quiz or picture texts);
     *                 null for a model's
     * @param versions texts (with their pictures) shown before a regeneration or a hand edit replaced them, newest last
     */
    record LessonView(String lessonId, int position, String module, String title, String summary, List<String> objectives,
                      List<String> keyConcepts, int estimatedMinutes, LessonStatus status, String markdown,
                      List<String> keyTakeaways, List<Lesson.QuizQuestion> quiz, ImageView image, Integer revision,
                      Instant editedAt, List<LessonVersionView> versions) {
    }

    /**
     * A lesson as it was before a regeneration or a hand edit.
     *
     * @param image       the picture shown with that text, or null if there was none
     * @param generatedAt when a model wrote it; null for a hand edit
     * @param editedAt    when its owner wrote it by hand; null for a model's
     */
    record LessonVersionView(int revision, String markdown, List<String> keyTakeaways, List<Lesson.QuizQuestion> quiz,
                             ImageView image, Instant generatedAt, Instant editedAt) {
    }

    enum LessonStatus { PENDING, DONE, FAILED }

    record FailureView(String partId, String reason) {
    }
}
