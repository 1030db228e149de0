package io.coursegen.local.infra;

import java.nio.file.Path;

/** {@link EmbeddedMongo} on a data directory in a JVM of its own, so a test can kill it with SIGKILL mid-work. */
public final class MongoInAChildProcess {

    private MongoInAChildProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMongo mongo = new EmbeddedMongo(Path.of(args[0]), 0);
        mongo.start();
        System.out.println("LISTENING " + mongo.connectionString());
        System.out.flush();
        // serves until the test kills this JVM with SIGKILL, which is the point
        Thread.currentThread().join();
    }
}
