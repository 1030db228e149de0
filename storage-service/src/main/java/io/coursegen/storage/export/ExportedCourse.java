package io.coursegen.storage.export;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Outline;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stored course arranged for the exporters: the lessons the outline planned in position order, each with its
 * text and picture, and the names its files get inside an export.
 *
 * @param source   the stored course, for what only the JSON export shows (status, usage, timestamps)
 * @param language a BCP 47 tag for {@code lang} attributes ({@code und} if the request had none usable)
 * @param slug     the file name stem of the whole export
 * @param cover    null if the course has no cover picture
 */
record ExportedCourse(StoredCourse source, String courseId, String title, String description, String audience,
                      String language, List<String> prerequisites, List<String> learningObjectives, Picture cover,
                      List<ExportedLesson> lessons, String slug) {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    static ExportedCourse of(StoredCourse course) {
        StoredCourse.StoredOutline outline = course.outline();
        String title = firstNonBlank(outline == null ? null : outline.title(),
                course.spec() == null ? null : course.spec().topic(), course.courseId());
        List<StoredLesson> planned = course.lessons().values().stream()
                .filter(lesson -> lesson.plan() != null)
                .sorted(Comparator.comparingInt((StoredLesson lesson) -> lesson.plan().position())
                        .thenComparing(StoredLesson::lessonId))
                .toList();
        List<ExportedLesson> lessons = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            lessons.add(ExportedLesson.of(i + 1, planned.get(i), course.images()));
        }
        return new ExportedCourse(course, course.courseId(), title,
                outline == null ? "" : orEmpty(outline.description()),
                outline == null ? "" : orEmpty(outline.audience()),
                language(course.spec() == null ? null : course.spec().language()),
                outline == null ? List.of() : orEmpty(outline.prerequisites()),
                outline == null ? List.of() : orEmpty(outline.learningObjectives()),
                Picture.of(course.images().get(ImageRequested.COVER)),
                List.copyOf(lessons),
                Slugs.of(title, course.courseId(), "course"));
    }

    /** The cover and every lesson's picture, each once. */
    List<Picture> pictures() {
        List<Picture> pictures = new ArrayList<>();
        if (cover != null) {
            pictures.add(cover);
        }
        lessons.stream().map(ExportedLesson::picture).filter(Objects::nonNull).forEach(pictures::add);
        return pictures;
    }

    private static String language(String tag) {
        if (tag == null || !LANGUAGE_TAG.matcher(tag.trim()).matches()) {
            return "und";
        }
        return Locale.forLanguageTag(tag.trim()).toLanguageTag();
    }

    /**
     * @param number   1-based place in the course, used for file names and anchors (positions could repeat)
     * @param position as the outline planned it
     * @param markdown null if the lesson was never written (not in a completed course)
     * @param picture  null if the lesson has no picture (not in a completed course)
     */
    record ExportedLesson(int number, String lessonId, int position, String title, String summary,
                          List<String> objectives, List<String> keyConcepts, int estimatedMinutes, String markdown,
                          List<String> keyTakeaways, List<Lesson.QuizQuestion> quiz, Picture picture) {

        static ExportedLesson of(int number, StoredLesson stored, Map<String, StoredImage> images) {
            Outline.OutlineLesson plan = stored.plan();
            Lesson content = stored.content();
            return new ExportedLesson(number, stored.lessonId(), plan.position(),
                    firstNonBlank(plan.title(), stored.lessonId()),
                    orEmpty(plan.summary()), orEmpty(plan.objectives()), orEmpty(plan.keyConcepts()),
                    plan.estimatedMinutes(),
                    content == null ? null : content.markdown(),
                    content == null ? List.of() : orEmpty(content.keyTakeaways()),
                    content == null ? List.of() : orEmpty(content.quiz()),
                    Picture.of(images.get(stored.lessonId())));
        }

        /** {@code 01-what-is-a-qubit}: the lesson's files are named after it. */
        String fileStem() {
            return "%02d-%s".formatted(number, Slugs.of(title, null, "lesson"));
        }

        /** An HTML id and SCORM identifier part that is valid whatever the title: {@code lesson-01}. */
        String anchor() {
            return "lesson-%02d".formatted(number);
        }
    }

    /** A stored picture as exports describe it: where its bytes are, and what it shows. */
    record Picture(String imageId, String objectKey, String contentType, int width, int height, long byteSize,
                   String sha256, String visualConcept, String caption, String altText) {

        static Picture of(StoredImage image) {
            if (image == null) {
                return null;
            }
            return new Picture(image.imageId(), image.objectKey(), image.contentType(), image.width(), image.height(),
                    image.byteSize(), image.sha256(), image.visualConcept(), orEmpty(image.caption()),
                    orEmpty(image.altText()));
        }

        /** Its path inside a package: {@code images/lesson-01.png}. */
        String fileName() {
            return "images/" + Slugs.of(imageId, null, "picture") + "." + extension();
        }

        /** The content type for a data URI; only raster types a browser shows without running anything. */
        String safeContentType() {
            return switch (contentType == null ? "" : contentType.toLowerCase(Locale.ROOT)) {
                case "image/png" -> "image/png";
                case "image/jpeg" -> "image/jpeg";
                case "image/webp" -> "image/webp";
                case "image/gif" -> "image/gif";
                default -> "application/octet-stream";
            };
        }

        /** The alt text, or the caption, or the given fallback: an image is never left without a text equivalent. */
        String altOr(String fallback) {
            return firstNonBlank(altText, caption, fallback);
        }

        private String extension() {
            return switch (safeContentType()) {
                case "image/jpeg" -> "jpg";
                case "image/webp" -> "webp";
                case "image/gif" -> "gif";
                default -> "png";
            };
        }
    }

    static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return "";
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
