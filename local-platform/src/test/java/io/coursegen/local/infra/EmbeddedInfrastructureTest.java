package io.coursegen.local.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.minio.errors.ErrorResponseException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class EmbeddedInfrastructureTest {

    private static final String ACCESS_KEY = "coursegen";
    private static final String SECRET_KEY = "coursegen-secret";

    @Test
    void everyPartSpeaksItsProtocol(@TempDir Path dataDir) throws Exception {
        try (EmbeddedInfrastructure infra = start(dataDir)) {
            InfraClients clients = new InfraClients(infra);

            clients.createTopic("course-requested");
            clients.send("course-requested", "c1", "Kafka basics");
            assertThat(clients.consume("reader", "course-requested", 1)).containsExactly("Kafka basics");

            clients.insertCourse("c1", "Kafka basics");
            assertThat(clients.findCourse("c1").getString("title")).isEqualTo("Kafka basics");

            clients.putText("courses", "c1/outline.txt", "1. Topics");
            assertThat(clients.getText("courses", "c1/outline.txt")).isEqualTo("1. Topics");
            assertThatThrownBy(() -> clients.bucketExistsSigningWith("wrong-secret", "courses"))
                    .isInstanceOf(ErrorResponseException.class);
        }
        assertThat(dataDir.resolve("kafka/meta.properties")).exists();
        assertThat(dataDir.resolve("mongo/coursegen.mv.db")).exists();
        assertThat(dataDir.resolve("s3/courses")).isDirectory();
    }

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) throws Exception {
        try (EmbeddedInfrastructure infra = start(dataDir)) {
            InfraClients clients = new InfraClients(infra);
            clients.createTopic("course-requested");
            clients.send("course-requested", "c1", "before restart");
            assertThat(clients.consume("reader", "course-requested", 1)).containsExactly("before restart");
            clients.insertCourse("c1", "Kafka basics");
            clients.putText("courses", "c1/outline.txt", "1. Topics");
        }

        // port 0 again: the restarted servers get other ports than before, which they must not mind
        try (EmbeddedInfrastructure infra = start(dataDir)) {
            InfraClients clients = new InfraClients(infra);
            assertThat(clients.consume("newcomer", "course-requested", 1)).containsExactly("before restart");
            assertThat(clients.committedOffsets("reader"))
                    .hasEntrySatisfying(new TopicPartition("course-requested", 0), offset -> assertThat(offset.offset()).isEqualTo(1));
            assertThat(clients.findCourse("c1").getString("title")).isEqualTo("Kafka basics");
            assertThat(clients.getText("courses", "c1/outline.txt")).isEqualTo("1. Topics");
        }
    }

    @Test
    void eachPartComesBackOnItsPortWithItsDataAfterAnOutage() throws Exception {
        // in memory: the harder case, since nothing on disk would bring the data back
        try (EmbeddedInfrastructure infra = start(null)) {
            InfraClients clients = new InfraClients(infra);
            clients.createTopic("course-requested");
            clients.send("course-requested", "c1", "before the outage");
            assertThat(clients.consume("reader", "course-requested", 1)).containsExactly("before the outage");
            clients.insertCourse("c1", "Kafka basics");
            clients.putText("courses", "c1/outline.txt", "1. Topics");
            List<String> addresses = List.of(infra.kafkaBootstrapServers(), infra.mongoUri(), infra.s3Endpoint());

            infra.stopKafka();
            infra.stopMongo();
            infra.stopS3();
            for (String address : addresses) {
                assertThat(refusesConnections(address)).as(address).isTrue();
            }
            infra.startKafka();
            infra.startMongo();
            infra.startS3();

            assertThat(List.of(infra.kafkaBootstrapServers(), infra.mongoUri(), infra.s3Endpoint())).isEqualTo(addresses);
            clients.send("course-requested", "c2", "after the outage");
            assertThat(clients.consume("reader", "course-requested", 1)).containsExactly("after the outage");
            assertThat(clients.findCourse("c1").getString("title")).isEqualTo("Kafka basics");
            assertThat(clients.getText("courses", "c1/outline.txt")).isEqualTo("1. Topics");
        }
    }

    @Test
    void withoutADataDirectoryNothingIsLeftOnDisk() throws Exception {
        Set<Path> kafkaDirsBefore = temporaryKafkaDirs();
        try (EmbeddedInfrastructure infra = start(null)) {
            InfraClients clients = new InfraClients(infra);
            clients.createTopic("course-requested");
            clients.send("course-requested", "c1", "in memory");
            assertThat(clients.consume("reader", "course-requested", 1)).containsExactly("in memory");
            clients.insertCourse("c1", "Kafka basics");
            assertThat(clients.findCourse("c1").getString("title")).isEqualTo("Kafka basics");
            clients.putText("courses", "c1/outline.txt", "1. Topics");
            assertThat(clients.getText("courses", "c1/outline.txt")).isEqualTo("1. Topics");
        }
        assertThat(temporaryKafkaDirs()).isEqualTo(kafkaDirsBefore);
    }

    @Test
    void aFailedStartStopsWhatAlreadyRuns(@TempDir Path dataDir) throws Exception {
        int mongoPort = FreePorts.resolve(0)[0];
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedInfrastructure infra = new EmbeddedInfrastructure(
                    new InfraSettings(dataDir, 0, 0, mongoPort, taken.getLocalPort(), ACCESS_KEY, SECRET_KEY));

            assertThatThrownBy(infra::start).hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
        // Mongo started before S3 failed: it must have let go of its port again
        try (ServerSocket reused = new ServerSocket(mongoPort, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(reused.getLocalPort()).isEqualTo(mongoPort);
        }
    }

    private static boolean refusesConnections(String address) {
        URI uri = URI.create(address.contains("://") ? address : "tcp://" + address);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static EmbeddedInfrastructure start(Path dataDir) {
        EmbeddedInfrastructure infra = new EmbeddedInfrastructure(new InfraSettings(dataDir, 0, 0, 0, 0, ACCESS_KEY, SECRET_KEY));
        infra.start();
        return infra;
    }

    private static Set<Path> temporaryKafkaDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("coursegen-kafka-")).collect(Collectors.toSet());
        }
    }
}
