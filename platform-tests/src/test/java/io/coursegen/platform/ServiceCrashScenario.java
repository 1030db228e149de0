package io.coursegen.platform;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One service runs in a JVM of its own and is killed (SIGKILL, no graceful shutdown) while it works on the batch,
 * then a new instance starts. The records in hand at the kill were never committed, so they are delivered to the
 * new instance and done again: those model calls, and no others, are the crash's cost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceCrashScenario {

    /**
     * The group coordinator holds a dead member's partitions until its session times out (Kafka's default 45 s):
     * the test shortens that for its instances so the scenario fits its time budget.
     */
    private static final List<String> SHORT_SESSION = List.of(
            "--spring.kafka.consumer.properties.session.timeout.ms=10000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");

    private CourseBatch batch;
    private ServiceProcess instance;

    /** The module name, e.g. {@code content-service}. */
    abstract String service();

    abstract Class<?> mainClass();

    /** The schema of the model calls that show the service is busy with the batch. */
    abstract String busyWith();

    /** Model calls the records in hand at the kill may have made already (one record per partition in flight). */
    abstract int inFlightCallsAtMost();

    @BeforeAll
    void start() {
        batch = CourseBatch.startWithout(service(), service() + " killed");
        instance = ServiceProcess.start(batch.platform(), service(), mainClass(), 1, SHORT_SESSION);
    }

    @AfterAll
    void stop() {
        if (instance != null) {
            instance.close();
        }
        batch.close();
    }

    @Test
    void everyCourseCompletesWholeAfterTheKilledServiceIsReplaced() {
        batch.submit();
        batch.awaitMidFlight(busyWith());

        instance.kill();
        instance = ServiceProcess.start(batch.platform(), service(), mainClass(), 2, SHORT_SESSION);

        batch.assertEveryCourseCompletesWhole(inFlightCallsAtMost());
    }
}
