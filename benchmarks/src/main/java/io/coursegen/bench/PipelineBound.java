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
 * @param chatLimit          LLM capacity: concurrent chat calls allowed to outline-service and to image-service's
 *                           plans (content-service is left unlimited), 0 = none
 * @param imageLimit         LLM capacity: concurrent picture calls allowed to image-service, 0 = none
 */
record PipelineBound(Duration outline, Duration lesson, Duration plan, Duration picture, int outlineConcurrency,
                     int contentConcurrency, int imageConcurrency, int chatLimit, int imageLimit) {

    /** Without capacity limits: the listener threads alone bound the work. */
    PipelineBound(Duration outline, Duration lesson, Duration plan, Duration picture, int outlineConcurrency,
                  int contentConcurrency, int imageConcurrency) {
        this(outline, lesson, plan, picture, outlineConcurrency, contentConcurrency, imageConcurrency, 0, 0);
    }

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
     * and before the last course's shortest remaining part. A capacity limit below a service's threads is its
     * concurrency for that call; pictures are bound by the threads (plan + picture each), the plan limit and the
     * picture limit, whichever is tightest. Ignores partitions: any free thread takes any work.
     */
    Duration batchMakespan(int courses, int lessons) {
        Duration outlines = rounds(courses, limited(outlineConcurrency, chatLimit), outline).plus(max(lesson, onePicture()));
        Duration lessonCalls = outline.plus(rounds((long) courses * lessons, contentConcurrency, lesson));
        long pictureCount = (long) courses * (lessons + 1);
        Duration byThreads = rounds(pictureCount, imageConcurrency, onePicture());
        Duration byPlanLimit = rounds(pictureCount, limited(imageConcurrency, chatLimit), plan).plus(picture);
        Duration byPictureLimit = plan.plus(rounds(pictureCount, limited(imageConcurrency, imageLimit), picture));
        Duration pictures = outline.plus(max(byThreads, max(byPlanLimit, byPictureLimit)));
        return max(outlines, max(lessonCalls, pictures));
    }

    /**
     * {@link #batchMakespan(int, int)}, or longer if one partition of {@code image.requested} holds so many pictures
     * that its one listener thread needs more: every part is pinned to a partition (kafka-defaults' PartSpread), so
     * the pictures of the busiest partition are drawn one after another, from the first outline on.
     *
     * @param picturesOnBusiestPartition the most pictures of the batch that share one partition
     */
    Duration batchMakespan(int courses, int lessons, int picturesOnBusiestPartition) {
        Duration pinned = outline.plus(onePicture().multipliedBy(picturesOnBusiestPartition));
        return max(batchMakespan(courses, lessons), pinned);
    }

    private static int limited(int threads, int limit) {
        return limit > 0 ? Math.min(threads, limit) : threads;
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
