package io.coursegen.storage.api;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Outline;
import io.coursegen.storage.api.CourseView.FailureView;
import io.coursegen.storage.api.CourseView.ImageView;
import io.coursegen.storage.api.CourseView.LessonStatus;
import io.coursegen.storage.api.CourseView.LessonVersionView;
import io.coursegen.storage.api.CourseView.LessonView;
import io.coursegen.storage.api.CourseView.OutlineView;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.LessonVersion;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import io.coursegen.storage.course.StoredCourse.StoredOutline;
import io.coursegen.storage.course.UsageTotals;
import io.coursegen.storage.media.MediaUrls;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds the client's view of a stored course. Signs picture URLs, so callers run it off the event loop. */
@Component
class CourseViews {

    private final MediaUrls mediaUrls;

    CourseViews(MediaUrls mediaUrls) {
        this.mediaUrls = mediaUrls;
    }

    CourseView view(StoredCourse course) {
        return new CourseView(
                course.courseId(),
                course.status(),
                course.spec(),
                CourseView.Progress.of(course.partsDone(), course.partsTotal()),
                outline(course.outline()),
                image(course.images().get(ImageRequested.COVER)),
                lessons(course),
                UsageTotals.of(course),
                course.estimate(),
                course.failures().values().stream()
                        .sorted(Comparator.comparing(StoredCourse.Failure::partId))
                        .map(failure -> new FailureView(failure.partId(), failure.reason()))
                        .toList(),
                course.error(),
                course.createdAt(),
                course.updatedAt(),
                course.completedAt());
    }

    /** Only lessons the outline planned, in position order; a lesson written before its plan waits for it. */
    private List<LessonView> lessons(StoredCourse course) {
        return course.lessons().values().stream()
                .filter(lesson -> lesson.plan() != null)
                .sorted(Comparator.comparingInt((StoredLesson lesson) -> lesson.plan().position())
                        .thenComparing(StoredLesson::lessonId))
                .map(lesson -> lesson(lesson, course))
                .toList();
    }

    /** One planned lesson as {@link #view} shows it. */
    LessonView lesson(StoredCourse course, String lessonId) {
        return lesson(course.lessons().get(lessonId), course);
    }

    private LessonView lesson(StoredLesson stored, StoredCourse course) {
        Outline.OutlineLesson plan = stored.plan();
        Lesson content = stored.content();
        LessonStatus status = content != null ? LessonStatus.DONE
                : course.failures().containsKey("lesson:" + stored.lessonId()) ? LessonStatus.FAILED
                : LessonStatus.PENDING;
        return new LessonView(stored.lessonId(), plan.position(), plan.module(), plan.title(), plan.summary(),
                orEmpty(plan.objectives()), orEmpty(plan.keyConcepts()), plan.estimatedMinutes(), status,
                content == null ? null : content.markdown(),
                content == null ? List.of() : orEmpty(content.keyTakeaways()),
                content == null ? List.of() : orEmpty(content.quiz()),
                image(course.images().get(stored.lessonId())),
                content == null ? null : revisionOf(stored.revision()),
                stored.editedAt(),
                versions(stored, course.imageVersions().getOrDefault(stored.lessonId(), List.of())));
    }

    /**
     * Each kept text with the picture of the same revision; a picture kept without its text (the text of that
     * revision never arrived) is left out. Ordered by revision, so a late old revision lands in its place.
     */
    private List<LessonVersionView> versions(StoredLesson stored, List<StoredImage> images) {
        return orEmpty(stored.versions()).stream()
                .filter(version -> version.content() != null)
                .sorted(Comparator.comparingInt((LessonVersion version) -> revisionOf(version.revision()))
                        .thenComparing(LessonVersion::generatedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(version -> new LessonVersionView(revisionOf(version.revision()), version.content().markdown(),
                        orEmpty(version.content().keyTakeaways()), orEmpty(version.content().quiz()),
                        image(images.stream()
                                .filter(image -> revisionOf(image.revision()) == revisionOf(version.revision()))
                                .reduce((first, second) -> second).orElse(null)),
                        version.generatedAt(), version.editedAt()))
                .toList();
    }

    private static int revisionOf(Integer revision) {
        return revision == null ? 1 : revision;
    }

    private ImageView image(StoredImage image) {
        if (image == null) {
            return null;
        }
        return new ImageView(image.imageId(), mediaUrls.presignedGet(image.objectKey()), image.contentType(),
                image.width(), image.height(), image.byteSize(), image.sha256(), image.visualConcept(),
                image.caption(), image.altText());
    }

    private static OutlineView outline(StoredOutline outline) {
        return outline == null ? null : new OutlineView(outline.title(), outline.description(), outline.audience(),
                orEmpty(outline.prerequisites()), orEmpty(outline.learningObjectives()));
    }


    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
