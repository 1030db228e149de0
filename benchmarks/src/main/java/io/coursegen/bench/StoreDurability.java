package io.coursegen.bench;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.coursegen.local.infra.EmbeddedMongo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * What it costs that the local platform's MongoDB-wire server commits its H2 file before answering each write (so a
 * {@code kill -9} loses nothing acknowledged): the writes storage-service makes for a course (one insert, then one
 * {@code $set} per finished part), from as many clients as storage has listener threads, against the same server
 * kept in memory, on a file committed per write, and on a file committed by H2's timer (what ran before).
 */
final class StoreDurability {

    /** The three ways the store can keep its data. */
    enum Store {
        MEMORY("in memory (tests)"), FILE_TIMER("file, H2's timer commits (before)"), FILE_EVERY_WRITE("file, committed per write (now)");

        final String label;

        Store(String label) {
            this.label = label;
        }
    }

    record Result(Store store, int writes, double seconds, double p50Millis, double p99Millis) {
        double perSecond() {
            return writes / seconds;
        }
    }

    private static final int PARTS_PER_COURSE = 8;
    /** About a lesson's markdown. */
    private static final String LESSON_TEXT = "A lesson paragraph with an example and a takeaway. ".repeat(30);

    private StoreDurability() {
    }

    static Result measure(Store store, int courses, int clients) throws Exception {
        Path dataDir = store == Store.MEMORY ? null : Files.createTempDirectory("coursegen-durability-");
        try (EmbeddedMongo mongo = new EmbeddedMongo(dataDir, 0, store == Store.FILE_EVERY_WRITE);
             MongoClient client = startAndConnect(mongo)) {
            MongoCollection<Document> collection = client.getDatabase("coursegen").getCollection("courses");
            Mono.from(collection.insertOne(new Document("_id", "warm-up"))).block();
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            List<Future<long[]>> perClient = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int first = c;
                perClient.add(threads.submit((Callable<long[]>) () -> writeCourses(collection, first, clients, courses)));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<long[]> future : perClient) {
                for (long nanos : future.get()) {
                    latencies.add(nanos);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            threads.shutdown();
            Percentiles percentiles = Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray());
            return new Result(store, percentiles.count(), seconds, percentiles.percentile(50) / 1e6,
                    percentiles.percentile(99) / 1e6);
        } finally {
            if (dataDir != null) {
                deleteQuietly(dataDir);
            }
        }
    }

    private static MongoClient startAndConnect(EmbeddedMongo mongo) {
        mongo.start();
        return MongoClients.create(mongo.connectionString());
    }

    /** Courses first, first + clients, ...: one insert and a {@code $set} per part each; the latency of every write. */
    private static long[] writeCourses(MongoCollection<Document> collection, int first, int step, int courses) {
        List<Long> latencies = new ArrayList<>();
        for (int course = first; course < courses; course += step) {
            String id = "course-" + course;
            long before = System.nanoTime();
            Mono.from(collection.insertOne(new Document("_id", id).append("status", "QUEUED")
                    .append("spec", new Document("topic", "Durability " + course).append("lessonCount", PARTS_PER_COURSE)))).block();
            latencies.add(System.nanoTime() - before);
            for (int part = 1; part <= PARTS_PER_COURSE; part++) {
                before = System.nanoTime();
                Mono.from(collection.updateOne(new Document("_id", id), new Document("$set",
                        new Document("lessons.lesson-" + part, new Document("markdown", LESSON_TEXT).append("revision", 1)))
                        .append("$inc", new Document("revision", 1)))).block();
                latencies.add(System.nanoTime() - before);
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
