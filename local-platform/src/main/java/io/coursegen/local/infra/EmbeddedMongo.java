package io.coursegen.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire server (mongo-java-server) whose data lives in one H2 file, or in memory. {@link #stop()} takes
 * the server off the network but keeps its data, and a later {@link #start()} listens on the same port again,
 * which is how a database outage looks to its clients; {@link #close()} also closes the data.
 * <p>
 * With a data directory every write is committed to the H2 file before it is answered: H2's MVStore otherwise
 * commits on a timer (about once a second), and a {@code kill -9} of the local platform lost writes that storage-service
 * had been told were done, and whose Kafka records it had therefore committed. A commit writes to the file (the
 * operating system's cache), which survives the process; it does not fsync, so a power cut can still lose the last
 * writes, as it can with MongoDB's own default journal interval.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final String HOST = "127.0.0.1";
    private static final String DATA_FILE = "coursegen.mv.db";

    private final Path dataDir;
    private final int requestedPort;
    private final boolean commitEveryWrite;
    private H2Backend backend;
    private MongoServer server;
    /** The port of the first start, 0 before it. */
    private int port;

    /**
     * @param dataDir directory for the H2 data file, or {@code null} to keep everything in memory
     * @param port    port to listen on, 0 for any free port
     */
    public EmbeddedMongo(Path dataDir, int port) {
        this(dataDir, port, true);
    }

    /**
     * @param commitEveryWrite false leaves commits to H2's timer, which loses the last writes on a crash: only for the
     *                         benchmark that measures what the commit costs
     */
    public EmbeddedMongo(Path dataDir, int port, boolean commitEveryWrite) {
        this.dataDir = dataDir;
        this.requestedPort = port;
        this.commitEveryWrite = commitEveryWrite;
    }

    public void start() {
        if (server != null) {
            throw new IllegalStateException("Mongo is already running");
        }
        String dataFile = dataDir == null ? null : dataFile();
        if (backend == null) {
            // the in-memory H2 store runs the same backend code as the file store, so tests exercise what runs locally
            backend = dataFile == null ? H2Backend.inMemory() : new H2Backend(dataFile);
        }
        // a server closes its backend when it shuts down; this one's data must outlive a stop
        MongoServer mongoServer = new MongoServer(new KeptBackend(backend, backend.isInMemory() || !commitEveryWrite ? () -> { } : this::commit));
        try {
            mongoServer.bind(HOST, port != 0 ? port : requestedPort);
        } catch (RuntimeException e) {
            if (port == 0) {
                closeBackend();
            }
            throw e;
        }
        server = mongoServer;
        port = server.getLocalAddress().getPort();
        log.info("Mongo is listening on {} with its data {}", connectionString(), dataFile == null ? "in memory" : "in " + dataFile);
    }

    /** A MongoDB connection string without a database, e.g. {@code mongodb://127.0.0.1:27017}; also while stopped. */
    public String connectionString() {
        if (port == 0) {
            throw new IllegalStateException("Mongo has not been started");
        }
        return "mongodb://" + HOST + ":" + port;
    }

    /** Closes the port and every client connection; the data stays for the next {@link #start()}. */
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
            log.info("Mongo stopped listening");
        }
    }

    @Override
    public void close() {
        stop();
        if (backend != null) {
            closeBackend();
            log.info("Mongo stopped");
        }
    }

    /** Writes what the last message changed to the file; a read changes nothing and costs nothing here. */
    private void commit() {
        H2Backend current = backend;
        if (current != null && current.getMvStore().hasUnsavedChanges()) {
            current.commit();
        }
    }

    private void closeBackend() {
        // commits the H2 file
        backend.close();
        backend = null;
    }

    private String dataFile() {
        try {
            return Files.createDirectories(dataDir).resolve(DATA_FILE).toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Mongo data directory " + dataDir, e);
        }
    }

    /**
     * The backend for one server's lifetime: everything but closing goes to the real one, and {@code afterEachRequest}
     * runs before a request's answer is sent.
     */
    private record KeptBackend(MongoBackend delegate, Runnable afterEachRequest) implements MongoBackend {

        @Override
        public void close() {
            // the data belongs to EmbeddedMongo, not to the server that is being stopped
        }

        @Override
        public void handleClose(Channel channel) {
            delegate.handleClose(channel);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Document answer = delegate.handleCommand(channel, database, command, query);
            afterEachRequest.run();
            return answer;
        }

        @Override
        public QueryResult handleQuery(MongoQuery query) {
            QueryResult answer = delegate.handleQuery(query);
            afterEachRequest.run();
            return answer;
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            Document answer = delegate.handleMessage(message);
            afterEachRequest.run();
            return answer;
        }

        @Override
        public void dropDatabase(String database) {
            delegate.dropDatabase(database);
        }

        @Override
        public Collection<Document> getCurrentOperations(MongoQuery query) {
            return delegate.getCurrentOperations(query);
        }

        @Override
        public Document getServerStatus() {
            return delegate.getServerStatus();
        }

        @Override
        public void closeCursors(List<Long> cursorIds) {
            delegate.closeCursors(cursorIds);
        }

        @Override
        public Clock getClock() {
            return delegate.getClock();
        }

        @Override
        public void enableOplog() {
            delegate.enableOplog();
        }

        @Override
        public void disableOplog() {
            delegate.disableOplog();
        }

        @Override
        public MongoDatabase resolveDatabase(String database) {
            return delegate.resolveDatabase(database);
        }

        @Override
        public MongoBackend version(MongoVersion version) {
            delegate.version(version);
            return this;
        }
    }
}
