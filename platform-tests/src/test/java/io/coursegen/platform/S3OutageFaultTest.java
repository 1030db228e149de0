package io.coursegen.platform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 server goes off the network for ten seconds while a batch runs (the stored pictures kept) and comes
 * back on the same port. image-service cannot store the pictures it renders meanwhile; it keeps offering each
 * drawn picture to S3 (no second plan or drawing, so no extra model call), and every picture must be
 * downloadable at the end. This test found that image-service used to leave it to Kafka's redeliveries (about
 * 7 s), which failed courses and drew each picture again.
 */
class S3OutageFaultTest {

    private static CourseBatch batch;

    @BeforeAll
    static void start() {
        batch = CourseBatch.start("S3 down 10 s");
    }

    @AfterAll
    static void stop() {
        batch.close();
    }

    @Test
    void everyCourseCompletesWholeAfterS3ComesBack() {
        batch.submit();
        batch.awaitMidFlight();

        batch.platform().infrastructure().stopS3();
        batch.holdOutageSeenBy("image-service", "s3", CourseBatch.OUTAGE);
        batch.platform().infrastructure().startS3();

        batch.assertEveryCourseCompletesWhole(0);
    }
}
