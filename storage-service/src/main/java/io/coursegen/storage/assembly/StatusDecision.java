package io.coursegen.storage.assembly;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.storage.course.StoredCourse;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The completion rule, as a pure function of the stored parts.
 * <ul>
 *   <li>A final status (COMPLETED, FAILED, CANCELLED) is never left: late parts are stored, the status stays.</li>
 *   <li>COMPLETED when the outline, every outlined lesson and a picture for the cover and every outlined lesson
 *       are stored. This wins over a recorded failure: a part that failed but arrived after all is no loss.</li>
 *   <li>FAILED when any part failed for good; {@code error} names the failed parts and why. A course can also be
 *       failed by its deadline ({@link CourseDeadlines}).</li>
 *   <li>Otherwise, once the outline is known: OUTLINE_READY while a reviewed course's owner has not approved it,
 *       QUEUED while the approved outline waits for admission, else GENERATING. Before the outline: QUEUED (or
 *       OUTLINING if already so).</li>
 * </ul>
 * partsTotal = outline + lessons + pictures (cover included) = 2 + 2 × lessons, counting the outline's lessons
 * once it is known, the requested lesson count before; 0 while neither is known.
 */
record StatusDecision(CourseStatus status, int partsDone, int partsTotal, String error) {

    static StatusDecision of(CourseParts parts) {
        int partsTotal = partsTotal(parts);
        int partsDone = partsDone(parts);
        if (partsTotal > 0) {
            partsDone = Math.min(partsDone, partsTotal);
        }
        CourseStatus status = status(parts);
        return new StatusDecision(status, partsDone, partsTotal, error(status, parts));
    }

    /** Whether the course already holds exactly this decision, so nothing needs writing. */
    boolean isStoredIn(StoredCourse course) {
        return status == course.status() && partsDone == course.partsDone() && partsTotal == course.partsTotal()
                && Objects.equals(error, course.error());
    }

    private static CourseStatus status(CourseParts parts) {
        if (parts.current().isFinal()) {
            return parts.current();
        }
        if (isComplete(parts)) {
            return CourseStatus.COMPLETED;
        }
        if (!parts.failures().isEmpty()) {
            return CourseStatus.FAILED;
        }
        if (parts.outlined()) {
            return parts.awaitingApproval() ? CourseStatus.OUTLINE_READY
                    : parts.awaitingAdmission() ? CourseStatus.QUEUED : CourseStatus.GENERATING;
        }
        return parts.current() == CourseStatus.OUTLINING ? CourseStatus.OUTLINING : CourseStatus.QUEUED;
    }

    private static boolean isComplete(CourseParts parts) {
        return parts.outlined()
                && parts.writtenLessons().containsAll(parts.plannedLessons())
                && parts.images().containsAll(expectedImages(parts));
    }

    private static Set<String> expectedImages(CourseParts parts) {
        Set<String> expected = new HashSet<>(parts.plannedLessons());
        expected.add(ImageRequested.COVER);
        return expected;
    }

    private static int partsTotal(CourseParts parts) {
        if (parts.outlined()) {
            return 2 + 2 * parts.plannedLessons().size();
        }
        return parts.requestedLessons() == null ? 0 : 2 + 2 * parts.requestedLessons();
    }

    /** Before the outline every stored lesson and picture counts; after it only those the outline asked for. */
    private static int partsDone(CourseParts parts) {
        if (!parts.outlined()) {
            return parts.writtenLessons().size() + parts.images().size();
        }
        long lessons = parts.writtenLessons().stream().filter(parts.plannedLessons()::contains).count();
        long images = parts.images().stream().filter(expectedImages(parts)::contains).count();
        return 1 + (int) lessons + (int) images;
    }

    /**
     * Only a FAILED course has an error; one failed by something other than a part keeps its own, and so does one
     * failed by its deadline (whose missing parts are recorded as failures too).
     */
    private static String error(CourseStatus status, CourseParts parts) {
        if (status != CourseStatus.FAILED) {
            return null;
        }
        if (parts.failures().isEmpty()
                || parts.current() == CourseStatus.FAILED && DeadlineFailure.isDeadlineError(parts.currentError())) {
            return parts.currentError();
        }
        return "Failed parts: " + new TreeMap<>(parts.failures()).entrySet().stream()
                .map(failure -> failure.getKey() + " (" + failure.getValue() + ")")
                .collect(Collectors.joining("; "));
    }
}
