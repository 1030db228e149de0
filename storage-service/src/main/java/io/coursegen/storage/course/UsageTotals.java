package io.coursegen.storage.course;

import io.coursegen.contracts.Usage;
import io.coursegen.storage.course.StoredCourse.LessonVersion;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** What a course cost, as the read API and the exports show it. */
public record UsageTotals(long llmCalls, long promptTokens, long completionTokens, long images) {

    /**
     * Every part keeps its own usage, so replays overwrite rather than add; the totals are summed here, kept
     * versions included (they were paid for too).
     */
    public static UsageTotals of(StoredCourse course) {
        List<Usage> parts = parts(course);
        return new UsageTotals(
                parts.stream().mapToLong(Usage::calls).sum(),
                parts.stream().mapToLong(Usage::promptTokens).sum(),
                parts.stream().mapToLong(Usage::completionTokens).sum(),
                parts.stream().mapToLong(Usage::images).sum());
    }

    /** Every part's usage, kept versions included: what the course was charged for. */
    public static List<Usage> parts(StoredCourse course) {
        return Stream.of(
                        Stream.of(course.outlineUsage()),
                        course.lessons().values().stream().map(StoredLesson::usage),
                        course.lessons().values().stream()
                                .flatMap(lesson -> lesson.versions() == null ? Stream.empty() : lesson.versions().stream())
                                .map(LessonVersion::usage),
                        course.images().values().stream().map(StoredImage::usage),
                        course.imageVersions().values().stream().flatMap(List::stream).map(StoredImage::usage))
                .flatMap(usages -> usages)
                .filter(Objects::nonNull)
                .toList();
    }
}
