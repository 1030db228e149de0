package io.coursegen.platform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB-wire server goes off the network for ten seconds while a batch runs (every connection dropped,
 * the data kept) and comes back on the same port. storage-service, its only client, must wait and retry rather
 * than lose or dead-letter the events it could not apply meanwhile.
 */
class MongoOutageFaultTest {

    private static CourseBatch batch;

    @BeforeAll
    static void start() {
        batch = CourseBatch.start("MongoDB down 10 s");
    }

    @AfterAll
    static void stop() {
        batch.close();
    }

    @Test
    void everyCourseCompletesWholeAfterTheDatabaseComesBack() {
        batch.submit();
        batch.awaitMidFlight();

        batch.platform().infrastructure().stopMongo();
        batch.holdOutageSeenBy("storage-service", "mongo", CourseBatch.OUTAGE);
        batch.platform().infrastructure().startMongo();

        batch.assertEveryCourseCompletesWhole(0);
    }
}
