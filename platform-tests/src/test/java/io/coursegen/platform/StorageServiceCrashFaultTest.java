package io.coursegen.platform;

import io.coursegen.storage.StorageServiceApplication;

/**
 * storage-service, the only writer of the course documents, killed while it assembles the batch. It calls no
 * model, so the crash may cost no model call at all; the events it had applied but not committed are applied
 * again, which must leave every document as if they had arrived once.
 */
class StorageServiceCrashFaultTest extends ServiceCrashScenario {

    @Override
    String service() {
        return "storage-service";
    }

    @Override
    Class<?> mainClass() {
        return StorageServiceApplication.class;
    }

    @Override
    String busyWith() {
        return "GeneratedLesson";
    }

    @Override
    int inFlightCallsAtMost() {
        return 0;
    }
}
