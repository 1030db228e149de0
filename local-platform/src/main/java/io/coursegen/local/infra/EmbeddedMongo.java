package io.coursegen.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A MongoDB-wire server (mongo-java-server) whose data lives in one H2 file, or in memory. */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final String HOST = "127.0.0.1";
    private static final String DATA_FILE = "coursegen.mv.db";

    private final Path dataDir;
    private final int requestedPort;
    private MongoServer server;

    /**
     * @param dataDir directory for the H2 data file, or {@code null} to keep everything in memory
     * @param port    port to listen on, 0 for any free port
     */
    public EmbeddedMongo(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.requestedPort = port;
    }

    public void start() {
        if (server != null) {
            throw new IllegalStateException("Mongo is already running");
        }
        String dataFile = dataDir == null ? null : dataFile();
        // the in-memory H2 store runs the same backend code as the file store, so tests exercise what runs locally
        MongoServer mongoServer = new MongoServer(dataFile == null ? H2Backend.inMemory() : new H2Backend(dataFile));
        // on failure bind() closes the server and its backend itself
        mongoServer.bind(HOST, requestedPort);
        server = mongoServer;
        log.info("Mongo is listening on {} with its data {}", connectionString(), dataFile == null ? "in memory" : "in " + dataFile);
    }

    /** A MongoDB connection string without a database, e.g. {@code mongodb://127.0.0.1:27017}. */
    public String connectionString() {
        if (server == null) {
            throw new IllegalStateException("Mongo is not running");
        }
        return "mongodb://" + HOST + ":" + server.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            // closes open client connections, then the backend, which commits the H2 file
            server.shutdownNow();
            server = null;
            log.info("Mongo stopped");
        }
    }

    private String dataFile() {
        try {
            return Files.createDirectories(dataDir).resolve(DATA_FILE).toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Mongo data directory " + dataDir, e);
        }
    }
}
