package io.coursegen.contracts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The work an outline implies: one {@link LessonRequested} per lesson and one {@link ImageRequested} per lesson plus
 * the cover. This is the only derivation of it: outline-service requests a course's parts from it, and
 * storage-service requests a regenerated lesson from it ({@link #regeneration}), so a regeneration asks for what the
 * first generation asked for (plus revision and instructions) and cannot drift from it.
 *
 * <p>Each request comes with its record key and its ordinal among the course's requests on its topic; the ordinal is
 * what kafka-defaults' {@code PartSpread} chooses the partition from, so a part requested again lands where it
 * landed the first time. Pure: the same course and outline give the same parts.
 */
public final class PartRequests {

    /** The cover shows the course as a whole: the leading concepts of each lesson, without repeats. */
    static final int COVER_CONCEPTS_PER_LESSON = 2;
    static final int COVER_CONCEPTS_MAX = 6;

    private final String courseId;
    private final List<Part<LessonRequested>> lessons;
    private final List<Part<ImageRequested>> images;

    /**
     * One work request and where it goes.
     *
     * @param key     the record key, {@link Topics#partKey}
     * @param ordinal 0-based position among the whole course's requests on the same topic; a lesson's text and
     *                picture keep it when they are requested again
     */
    public record Part<T>(String key, int ordinal, T request) {
    }

    private PartRequests(String courseId, List<Part<LessonRequested>> lessons, List<Part<ImageRequested>> images) {
        this.courseId = courseId;
        this.lessons = List.copyOf(lessons);
        this.images = List.copyOf(images);
    }

    /** Every part of the course, first generations; {@code outline}'s lessons are in teaching order. */
    public static PartRequests of(String courseId, String tenantId, CourseSpec spec, Outline outline) {
        List<Outline.OutlineLesson> lessons = outline.lessons();
        List<Part<LessonRequested>> lessonParts = IntStream.range(0, lessons.size())
                .mapToObj(index -> new Part<>(lessonKey(courseId, lessons.get(index).lessonId()), index,
                        new LessonRequested(courseId, tenantId, outline.title(), spec, lessons.get(index),
                                index == 0 ? null : lessons.get(index - 1).title(),
                                index == lessons.size() - 1 ? null : lessons.get(index + 1).title())))
                .toList();
        List<Part<ImageRequested>> imageParts = new ArrayList<>();
        for (Outline.OutlineLesson lesson : lessons) {
            imageParts.add(new Part<>(imageKey(courseId, lesson.lessonId()), imageParts.size(),
                    new ImageRequested(courseId, tenantId, lesson.lessonId(), lesson.lessonId(), outline.title(),
                            lesson.title(), lesson.summary(), lesson.keyConcepts(), outline.audience(),
                            spec.language(), spec.imageStyle())));
        }
        imageParts.add(new Part<>(imageKey(courseId, ImageRequested.COVER), imageParts.size(),
                new ImageRequested(courseId, tenantId, ImageRequested.COVER, null, outline.title(), outline.title(),
                        outline.description(), coverConcepts(lessons), outline.audience(), spec.language(),
                        spec.imageStyle())));
        return new PartRequests(courseId, lessonParts, imageParts);
    }

    /** No parts: an outline that waits for its owner's review asks for nothing yet. */
    public static PartRequests none(String courseId) {
        return new PartRequests(courseId, List.of(), List.of());
    }

    /**
     * One lesson's text and picture asked for again: the parts {@link #of} gave for it, same keys and ordinals,
     * carrying the new revision and the owner's instructions (null for none).
     *
     * @throws IllegalArgumentException if the outline has no such lesson
     */
    public PartRequests regeneration(String lessonId, int revision, String instructions) {
        Part<LessonRequested> lesson = lessons.stream()
                .filter(part -> part.request().lesson().lessonId().equals(lessonId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Course " + courseId + " has no lesson " + lessonId));
        Part<ImageRequested> image = images.stream()
                .filter(part -> lessonId.equals(part.request().lessonId()))
                .findFirst()
                .orElseThrow();
        LessonRequested text = lesson.request();
        ImageRequested picture = image.request();
        return new PartRequests(courseId,
                List.of(new Part<>(lesson.key(), lesson.ordinal(), new LessonRequested(text.courseId(),
                        text.tenantId(), text.courseTitle(), text.spec(), text.lesson(), text.previousLessonTitle(),
                        text.nextLessonTitle(), revision, instructions))),
                List.of(new Part<>(image.key(), image.ordinal(), new ImageRequested(picture.courseId(),
                        picture.tenantId(), picture.imageId(), picture.lessonId(), picture.courseTitle(),
                        picture.subjectTitle(), picture.subjectSummary(), picture.keyConcepts(), picture.audience(),
                        picture.language(), picture.imageStyle(), revision, instructions))));
    }

    /** The same requests without the lessons' texts: a picture drawn again, its lesson left as it is. */
    public PartRequests picturesOnly() {
        return new PartRequests(courseId, List.of(), images);
    }

    public String courseId() {
        return courseId;
    }

    /** For {@code lesson.requested}, in teaching order. */
    public List<Part<LessonRequested>> lessons() {
        return lessons;
    }

    /** For {@code image.requested}: one per lesson in teaching order, then the cover (absent from a regeneration). */
    public List<Part<ImageRequested>> images() {
        return images;
    }

    private static String lessonKey(String courseId, String lessonId) {
        return Topics.partKey(courseId, "lesson:" + lessonId);
    }

    private static String imageKey(String courseId, String imageId) {
        return Topics.partKey(courseId, "image:" + imageId);
    }

    private static List<String> coverConcepts(List<Outline.OutlineLesson> lessons) {
        Set<String> concepts = new LinkedHashSet<>();
        lessons.forEach(lesson -> lesson.keyConcepts().stream()
                .limit(COVER_CONCEPTS_PER_LESSON)
                .forEach(concepts::add));
        return concepts.stream().limit(COVER_CONCEPTS_MAX).toList();
    }
}
