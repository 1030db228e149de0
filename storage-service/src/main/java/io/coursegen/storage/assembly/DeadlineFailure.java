package io.coursegen.storage.assembly;

import io.coursegen.contracts.ImageRequested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Why a course that ran out of time failed: the parts it still lacks, as part ids ({@code outline},
 * {@code lesson:<id>}, {@code image:<id>}), and the error text naming them. Before the outline only the outline
 * is named, since which lessons and pictures exist is not known yet.
 */
record DeadlineFailure(List<String> missingParts, String error) {

    static final String REASON = "deadline passed";
    private static final String ERROR_PREFIX = "Not finished within ";

    static DeadlineFailure of(CourseParts parts, Duration deadline) {
        List<String> missing = new ArrayList<>();
        if (!parts.outlined()) {
            missing.add("outline");
        } else {
            parts.plannedLessons().stream().sorted()
                    .filter(lessonId -> !parts.writtenLessons().contains(lessonId))
                    .forEach(lessonId -> missing.add("lesson:" + lessonId));
            Stream.concat(Stream.of(ImageRequested.COVER), parts.plannedLessons().stream().sorted())
                    .filter(imageId -> !parts.images().contains(imageId))
                    .forEach(imageId -> missing.add("image:" + imageId));
        }
        return new DeadlineFailure(List.copyOf(missing),
                ERROR_PREFIX + format(deadline) + "; missing: " + String.join(", ", missing));
    }

    /** Whether an error is a deadline's, which stays as it is when late parts or failures arrive. */
    static boolean isDeadlineError(String error) {
        return error != null && error.startsWith(ERROR_PREFIX);
    }

    /** As the configuration writes it: {@code 30m}, {@code 1h30m}, {@code 2s}, {@code 1500ms}. */
    static String format(Duration duration) {
        if (duration.toMillisPart() != 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toDays() > 0) {
            text.append(duration.toDays()).append('d');
        }
        if (duration.toHoursPart() > 0) {
            text.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
