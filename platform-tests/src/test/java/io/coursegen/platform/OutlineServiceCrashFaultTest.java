package io.coursegen.platform;

import io.coursegen.outline.OutlineServiceApplication;

/** outline-service killed while it outlines the batch. */
class OutlineServiceCrashFaultTest extends ServiceCrashScenario {

    @Override
    String service() {
        return "outline-service";
    }

    @Override
    Class<?> mainClass() {
        return OutlineServiceApplication.class;
    }

    @Override
    String busyWith() {
        return "GeneratedOutline";
    }

    /** An outline is one call; two partitions, so at most two outlines in hand. */
    @Override
    int inFlightCallsAtMost() {
        return 2;
    }
}
