package io.coursegen.platform;

import io.coursegen.content.ContentServiceApplication;

/** content-service killed while it writes the batch's lessons. */
class ContentServiceCrashFaultTest extends ServiceCrashScenario {

    @Override
    String service() {
        return "content-service";
    }

    @Override
    Class<?> mainClass() {
        return ContentServiceApplication.class;
    }

    @Override
    String busyWith() {
        return "GeneratedLesson";
    }

    /** A lesson is one call; two partitions, so at most two lessons in hand. */
    @Override
    int inFlightCallsAtMost() {
        return 2;
    }
}
