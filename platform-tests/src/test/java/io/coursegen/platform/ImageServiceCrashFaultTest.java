package io.coursegen.platform;

import io.coursegen.image.ImageServiceApplication;

/** image-service killed while it plans and draws the batch's pictures. */
class ImageServiceCrashFaultTest extends ServiceCrashScenario {

    @Override
    String service() {
        return "image-service";
    }

    @Override
    Class<?> mainClass() {
        return ImageServiceApplication.class;
    }

    @Override
    String busyWith() {
        return "PicturePlan";
    }

    /** A picture is two calls (plan, draw); two partitions, so at most two pictures in hand. */
    @Override
    int inFlightCallsAtMost() {
        return 4;
    }
}
