package io.coursegen.local.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client was told is written stays written when the process holding the data dies with SIGKILL (no shutdown
 * hook, no final commit), as the local platform does when a laptop crashes or the OOM killer strikes.
 */
@Timeout(90)
class EmbeddedMongoCrashTest {

    @Test
    void everyAcknowledgedWriteSurvivesASigkillOfTheServer(@TempDir Path dataDir) throws Exception {
        Process server = startServerIn(dataDir);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String uri = awaitListening(out);
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> courses = client.getDatabase("coursegen").getCollection("courses");
                courses.insertOne(new Document("_id", "counter").append("lessons", 0));
                for (int i = 0; i < 100; i++) {
                    courses.insertOne(new Document("_id", "course-" + i).append("status", "QUEUED"));
                    courses.updateOne(Filters.eq("_id", "counter"), Updates.inc("lessons", 1));
                }
                courses.updateOne(Filters.eq("_id", "course-99"), Updates.set("status", "COMPLETED"));
            }
            // the last write was answered a moment ago: kill before any timer could have saved it
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }

        try (EmbeddedMongo restarted = new EmbeddedMongo(dataDir, 0)) {
            restarted.start();
            try (MongoClient client = MongoClients.create(restarted.connectionString())) {
                MongoCollection<Document> courses = client.getDatabase("coursegen").getCollection("courses");
                assertThat(courses.countDocuments()).isEqualTo(101);
                assertThat(courses.find(Filters.eq("_id", "counter")).first().getInteger("lessons")).isEqualTo(100);
                assertThat(courses.find(Filters.eq("_id", "course-99")).first().getString("status")).isEqualTo("COMPLETED");
            }
        }
    }

    private static Process startServerIn(Path dataDir) throws Exception {
        return new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), MongoInAChildProcess.class.getName(), dataDir.toString()))
                .redirectErrorStream(true).start();
    }

    private static String awaitListening(BufferedReader out) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("LISTENING ")) {
                return line.substring("LISTENING ".length());
            }
        }
        throw new AssertionError("The Mongo server process ended before it listened");
    }
}
