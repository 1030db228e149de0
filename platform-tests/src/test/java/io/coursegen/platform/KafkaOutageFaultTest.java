package io.coursegen.platform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stops for ten seconds while a batch runs and comes back on the same ports and log directory.
 * Producers wait for it, consumers reconnect, and offsets not committed before the stop are delivered again,
 * which the idempotent handlers must absorb without a second model call.
 */
class KafkaOutageFaultTest {

    private static CourseBatch batch;

    @BeforeAll
    static void start() {
        batch = CourseBatch.start("Kafka broker down 10 s");
    }

    @AfterAll
    static void stop() {
        batch.close();
    }

    @Test
    void everyCourseCompletesWholeAfterTheBrokerComesBack() {
        batch.submit();
        batch.awaitMidFlight();

        batch.platform().infrastructure().stopKafka();
        batch.holdOutageSeenBy("content-service", "kafka", CourseBatch.OUTAGE);
        batch.platform().infrastructure().startKafka();

        batch.assertEveryCourseCompletesWhole(0);
    }
}
