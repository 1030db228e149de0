package io.coursegen.storage.export;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Lesson;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.Estimate;
import io.coursegen.storage.course.UsageTotals;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import io.coursegen.storage.course.StoredCourse.StoredOutline;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The course document exactly as {@code GET /api/v1/courses/{id}} shows it, except for pictures: a presigned URL
 * expires within minutes while an export is kept, so each picture is described by its {@code objectKey} in the
 * media bucket instead (with content type, size, {@code sha256}, caption and alt text), which lets anyone with
 * bucket access fetch and verify it for as long as it is kept. The other formats carry the picture bytes.
 */
@Component
@Order(1)
class JsonExporter implements CourseExporter {

    private final JsonMapper jsonMapper;

    JsonExporter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public MediaType contentType() {
        return MediaType.APPLICATION_JSON;
    }

    @Override
    public String fileName(String slug) {
        return slug + ".json";
    }

    @Override
    public boolean includesPictures() {
        return false;
    }

    @Override
    public void write(ExportedCourse course, PictureSource pictures, OutputStream out) throws IOException {
        out.write(jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(course)));
    }

    private static CourseDocument document(ExportedCourse exported) {
        StoredCourse course = exported.source();
        StoredOutline outline = course.outline();
        return new CourseDocument(
                course.courseId(),
                course.status(),
                course.spec(),
                Progress.of(course.partsDone(), course.partsTotal()),
                outline == null ? null : new OutlineDocument(outline.title(), outline.description(),
                        outline.audience(), orEmpty(outline.prerequisites()), orEmpty(outline.learningObjectives())),
                picture(course.images().get(ImageRequested.COVER)),
                exported.lessons().stream().map(lesson -> lesson(course, course.lessons().get(lesson.lessonId())))
                        .toList(),
                UsageTotals.of(course),
                course.estimate(),
                course.failures().values().stream()
                        .sorted(Comparator.comparing(StoredCourse.Failure::partId))
                        .map(failure -> new FailureDocument(failure.partId(), failure.reason()))
                        .toList(),
                course.error(),
                course.createdAt(),
                course.updatedAt(),
                course.completedAt());
    }

    private static LessonDocument lesson(StoredCourse course, StoredLesson stored) {
        Lesson content = stored.content();
        String status = content != null ? "DONE"
                : course.failures().containsKey("lesson:" + stored.lessonId()) ? "FAILED" : "PENDING";
        return new LessonDocument(stored.lessonId(), stored.plan().position(), stored.plan().module(), stored.plan().title(),
                stored.plan().summary(), orEmpty(stored.plan().objectives()), orEmpty(stored.plan().keyConcepts()),
                stored.plan().estimatedMinutes(), status,
                content == null ? null : content.markdown(),
                content == null ? List.of() : orEmpty(content.keyTakeaways()),
                content == null ? List.of() : orEmpty(content.quiz()),
                picture(course.images().get(stored.lessonId())));
    }

    private static PictureDocument picture(StoredImage image) {
        return image == null ? null : new PictureDocument(image.imageId(), image.objectKey(), image.contentType(),
                image.width(), image.height(), image.byteSize(), image.sha256(), image.visualConcept(),
                image.caption(), image.altText());
    }


    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Field for field the read API's course, with {@link PictureDocument} for its pictures. */
    record CourseDocument(String courseId, CourseStatus status, CourseSpec request, Progress progress,
                          OutlineDocument outline, PictureDocument cover, List<LessonDocument> lessons,
                          UsageTotals usage, Estimate estimate, List<FailureDocument> failures, String error, Instant createdAt,
                          Instant updatedAt, Instant completedAt) {
    }

    record Progress(int partsDone, int partsTotal, int percent) {

        static Progress of(int partsDone, int partsTotal) {
            return new Progress(partsDone, partsTotal, partsTotal == 0 ? 0 : partsDone * 100 / partsTotal);
        }
    }

    record OutlineDocument(String title, String description, String audience, List<String> prerequisites,
                           List<String> learningObjectives) {
    }

    /** The read API's picture with {@code objectKey} where it has the expiring {@code url}. */
    record PictureDocument(String imageId, String objectKey, String contentType, int width, int height, long byteSize,
                           String sha256, String visualConcept, String caption, String altText) {
    }

    record LessonDocument(String lessonId, int position, String module, String title, String summary, List<String> objectives,
                          List<String> keyConcepts, int estimatedMinutes, String status, String markdown,
                          List<String> keyTakeaways, List<Lesson.QuizQuestion> quiz, PictureDocument image) {
    }

    record FailureDocument(String partId, String reason) {
    }
}
