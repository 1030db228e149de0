package io.coursegen.platform;

import io.coursegen.content.ContentServiceApplication;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * content-service is stopped the polite way (SIGTERM, as before a redeploy) while it writes the batch's lessons,
 * then a new instance starts. A stopping service finishes the records in hand and commits them before it exits,
 * so unlike a crash the stop costs no model call at all.
 */
class GracefulStopFaultTest {

    private static final List<String> SHORT_SESSION = List.of(
            "--spring.kafka.consumer.properties.session.timeout.ms=10000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");

    @Test
    void aServiceStoppedMidBatchFinishesItsWorkAndTheBatchCompletesWithoutExtraCalls() {
        try (CourseBatch batch = CourseBatch.startWithout("content-service", "content-service stopped (SIGTERM)")) {
            ServiceProcess first = ServiceProcess.start(batch.platform(), "content-service",
                    ContentServiceApplication.class, 1, SHORT_SESSION);
            ServiceProcess second = null;
            try {
                batch.submit();
                batch.awaitMidFlight("GeneratedLesson");

                first.stop();
                second = ServiceProcess.start(batch.platform(), "content-service", ContentServiceApplication.class, 2,
                        SHORT_SESSION);

                batch.assertEveryCourseCompletesWhole(0);
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }
}
