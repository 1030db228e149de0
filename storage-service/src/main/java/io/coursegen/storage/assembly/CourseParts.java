package io.coursegen.storage.assembly;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.Regeneration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a status decision looks at: which parts of a course are stored.
 *
 * @param requestedLessons lessons the client asked for, null only for a provisional document (a late part of a deleted course)
 * @param plannedLessons   lessonIds of the outline; empty before the outline arrived
 * @param writtenLessons   lessonIds with written text (possibly arrived before the outline), except those whose
 *                         regeneration still waits for its text
 * @param images           imageIds stored ({@code cover} or lessonIds), except those whose lesson's regeneration
 *                         still waits for its picture
 * @param failures         reason by part id
 * @param awaitingApproval a reviewed course whose owner has not approved its outline yet
 * @param awaitingAdmission a reviewed course whose approved outline waits for a place to be generated in
 */
record CourseParts(
        CourseStatus current,
        String currentError,
        Integer requestedLessons,
        boolean outlined,
        Set<String> plannedLessons,
        Set<String> writtenLessons,
        Set<String> images,
        Map<String, String> failures,
        boolean awaitingApproval,
        boolean awaitingAdmission) {

    /** A course that is not reviewed. */
    CourseParts(CourseStatus current, String currentError, Integer requestedLessons, boolean outlined,
            Set<String> plannedLessons, Set<String> writtenLessons, Set<String> images, Map<String, String> failures) {
        this(current, currentError, requestedLessons, outlined, plannedLessons, writtenLessons, images, failures,
                false, false);
    }

    static CourseParts of(StoredCourse course) {
        return new CourseParts(
                course.status(),
                course.error(),
                course.spec() == null ? null : course.spec().lessonCount(),
                course.outline() != null,
                course.lessons().values().stream().filter(lesson -> lesson.plan() != null)
                        .map(StoredCourse.StoredLesson::lessonId).collect(Collectors.toSet()),
                course.lessons().values().stream().filter(lesson -> lesson.content() != null)
                        .map(StoredCourse.StoredLesson::lessonId)
                        .filter(lessonId -> !pending(course, lessonId, Regeneration::lessonPending))
                        .collect(Collectors.toSet()),
                course.images().keySet().stream()
                        .filter(imageId -> !pending(course, imageId, Regeneration::imagePending))
                        .collect(Collectors.toSet()),
                course.failures().values().stream().collect(Collectors.toMap(StoredCourse.Failure::partId,
                        failure -> String.valueOf(failure.reason()), (a, b) -> a, TreeMap::new)),
                course.review() != null && course.review().awaitsApproval(),
                course.review() != null && course.review().awaitsAdmission());
    }

    private static boolean pending(StoredCourse course, String partId, Predicate<Regeneration> waitsFor) {
        Regeneration regeneration = course.regenerations().get(partId);
        return regeneration != null && waitsFor.test(regeneration);
    }
}
