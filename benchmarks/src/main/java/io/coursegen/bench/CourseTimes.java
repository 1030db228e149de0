package io.coursegen.bench;

import io.coursegen.contracts.Topics;
import java.util.List;
import java.util.function.Predicate;

/**
 * One course's events in time (producer timestamps, epoch milliseconds; -1 when the event never came) and counts.
 *
 * @param requested when storage stored it: its first {@code course.status} record (the QUEUED snapshot)
 * @param partition the partition of its {@code course.status}, which is every fact topic's partition for it
 */
record CourseTimes(long requested, long outlined, long lastLesson, long lastPicture, long completed, int outlines,
                   int lessons, int pictures, int partition) {

    static CourseTimes of(List<EventTimeline.Event> events) {
        return new CourseTimes(
                first(events, Topics.COURSE_STATUS),
                first(events, Topics.COURSE_OUTLINED),
                last(events, Topics.LESSON_GENERATED),
                last(events, Topics.IMAGE_GENERATED),
                events.stream().filter(EventTimeline.Event::isFinal).mapToLong(EventTimeline.Event::publishedAt).min().orElse(-1),
                count(events, Topics.COURSE_OUTLINED),
                count(events, Topics.LESSON_GENERATED),
                count(events, Topics.IMAGE_GENERATED),
                events.stream().filter(on(Topics.COURSE_STATUS)).mapToInt(EventTimeline.Event::partition).findFirst().orElse(-1));
    }

    /** Calls the openai provider would have made for these parts: the outline, each lesson, a plan and a picture each. */
    int llmCalls() {
        return outlines + lessons + 2 * pictures;
    }

    /** Seconds from {@code from} to {@code to}, NaN if either is missing. */
    static double seconds(long from, long to) {
        return from < 0 || to < 0 ? Double.NaN : (to - from) / 1000.0;
    }

    private static Predicate<EventTimeline.Event> on(String topic) {
        return event -> event.topic().equals(topic);
    }

    private static long first(List<EventTimeline.Event> events, String topic) {
        return events.stream().filter(on(topic)).mapToLong(EventTimeline.Event::publishedAt).min().orElse(-1);
    }

    private static long last(List<EventTimeline.Event> events, String topic) {
        return events.stream().filter(on(topic)).mapToLong(EventTimeline.Event::publishedAt).max().orElse(-1);
    }

    private static int count(List<EventTimeline.Event> events, String topic) {
        return (int) events.stream().filter(on(topic)).count();
    }
}
