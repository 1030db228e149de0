package io.coursegen.bench;

import java.time.Duration;

/**
 * What the simulated model latencies and the services' concurrency allow, if the platform added nothing.
 *
 * @param outline            one outline call
 * @param lesson             one lesson call
 * @param plan               one picture-plan call
 * @param picture            one picture call
 * @param outlineConcurrency outline-service's parallel calls (listener threads)
 * @param contentConcurrency content-service's parallel calls
 * @param imageConcurrency   image-service's parallel pictures (each is a plan call then a picture call)
 */
record PipelineBound(Duration outline, Duration lesson, Duration plan, Duration picture, int outlineConcurrency,
                     int contentConcurrency, int imageConcurrency) {

    /** The design's critical path: the outline, then the lessons and pictures all in parallel. */
    Duration criticalPath() {
        return outline.plus(max(lesson, onePicture()));
    }

    /**
     * The path when one course's lessons run one after another and so do its pictures (every topic is keyed by
     * courseId, and a partition is consumed by one thread).
     */
    Duration sequentialPath(int lessons) {
        return outline.plus(max(lesson.multipliedBy(lessons), onePicture().multipliedBy(lessons + 1L)));
    }

    /**
     * The shortest time in which {@code courses} courses submitted at once can all complete with this many calls in
     * parallel per service: each service's calls in full rounds after the first call it depends on (the first outline)
     * and before the last course's shortest remaining part. Ignores partitions: any free thread takes any work.
     */
    Duration batchMakespan(int courses, int lessons) {
        Duration outlines = rounds(courses, outlineConcurrency, outline).plus(max(lesson, onePicture()));
        Duration lessonCalls = outline.plus(rounds((long) courses * lessons, contentConcurrency, lesson));
        Duration pictures = outline.plus(rounds((long) courses * (lessons + 1), imageConcurrency, onePicture()));
        return max(outlines, max(lessonCalls, pictures));
    }

    /**
     * Like {@link #batchMakespan} but with work bound to partitions, as Kafka does it: every part of a course is on
     * the course's partition, consumed by one thread, so a service's time is set by its busiest partition (assuming
     * at least one thread per partition).
     *
     * @param coursesOnBusiestPartition the most courses any one partition carries
     */
    Duration partitionedBatchMakespan(int courses, int lessons, int coursesOnBusiestPartition) {
        Duration byThreads = batchMakespan(courses, lessons);
        Duration lessonCalls = outline.plus(lesson.multipliedBy((long) coursesOnBusiestPartition * lessons));
        Duration pictures = outline.plus(onePicture().multipliedBy((long) coursesOnBusiestPartition * (lessons + 1)));
        return max(byThreads, max(lessonCalls, pictures));
    }

    /** Courses per minute when {@code courses} complete in {@code makespan}. */
    static double coursesPerMinute(int courses, Duration makespan) {
        return courses * 60_000.0 / makespan.toMillis();
    }

    /** LLM calls the openai provider makes for one course: the outline, each lesson, a plan and a picture per picture. */
    static int llmCallsPerCourse(int lessons) {
        return 1 + lessons + 2 * (lessons + 1);
    }

    private Duration onePicture() {
        return plan.plus(picture);
    }

    private static Duration rounds(long calls, int concurrency, Duration each) {
        long rounds = (calls + concurrency - 1) / concurrency;
        return each.multipliedBy(rounds);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
