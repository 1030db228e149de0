package io.coursegen.local.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's own KRaft server (one node that is both broker and controller) inside this JVM. Unlike the test
 * helpers it keeps its log directory, so topics, records and committed offsets survive a restart. It can be
 * stopped and started again: the second start reuses the first one's ports, so connected clients find it again.
 * With {@link KafkaSecurity} clients must log in with SCRAM-SHA-512 and may do only what an ACL allows; see there.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "CLIENT";
    private static final String INTERNAL_LISTENER = "INTERNAL";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final Path logDir;
    private final int requestedBrokerPort;
    private final int requestedControllerPort;
    private final KafkaSecurity security;
    private KafkaRaftServer server;
    /** The ports of the first start, 0 before it: a restarted broker must be where its clients look for it. */
    private int brokerPort;
    private int controllerPort;
    private int internalPort;

    /**
     * @param logDir         where Kafka keeps its data; formatted on first use, reused afterwards
     * @param brokerPort     port for clients, 0 for any free port
     * @param controllerPort port for the KRaft controller, 0 for any free port
     */
    public EmbeddedKafka(Path logDir, int brokerPort, int controllerPort) {
        this(logDir, brokerPort, controllerPort, null);
    }

    /**
     * @param security null for one PLAINTEXT listener that lets anyone do anything; else SASL and ACLs
     */
    public EmbeddedKafka(Path logDir, int brokerPort, int controllerPort, KafkaSecurity security) {
        this.logDir = Objects.requireNonNull(logDir, "logDir");
        this.requestedBrokerPort = brokerPort;
        this.requestedControllerPort = controllerPort;
        this.security = security;
    }

    public void start() {
        if (server != null) {
            throw new IllegalStateException("Kafka is already running");
        }
        interceptExitAndHalt();
        // Kafka writes its ports into the listener configuration, so port 0 must become a real port first
        int[] ports = brokerPort != 0 ? new int[] {brokerPort, controllerPort, internalPort}
                : security == null ? Arrays.copyOf(FreePorts.resolve(requestedBrokerPort, requestedControllerPort), 3)
                : FreePorts.resolve(requestedBrokerPort, requestedControllerPort, security.internalPort());
        KafkaConfig config = KafkaConfig.fromProps(properties(ports[0], ports[1], ports[2]));
        formatUnlessFormatted(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            stop(raftServer);
            throw e;
        }
        server = raftServer;
        brokerPort = ports[0];
        controllerPort = ports[1];
        internalPort = ports[2];
        log.info("Kafka is listening on {}{} with its log in {}", bootstrapServers(),
                security == null ? "" : " (SASL_PLAINTEXT, SCRAM-SHA-512, ACLs)", logDir);
    }

    /** The value for {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}; also while stopped after a start. */
    public String bootstrapServers() {
        if (brokerPort == 0) {
            throw new IllegalStateException("Kafka has not been started");
        }
        return HOST + ":" + brokerPort;
    }

    /** Whether clients must log in and be granted what they do. */
    public boolean secured() {
        return security != null;
    }

    /**
     * What an admin client needs to do anything on this broker: the client listener without security, else the
     * internal listener as the super user {@link KafkaSecurity#ADMIN}.
     */
    public Map<String, Object> adminClientProperties() {
        String client = bootstrapServers();
        if (security == null) {
            return new HashMap<>(Map.of("bootstrap.servers", client));
        }
        return KafkaSecurity.plainClient(HOST + ":" + internalPort, KafkaSecurity.ADMIN,
                security.passwordOf(KafkaSecurity.ADMIN));
    }

    /** Stops the broker, keeping its log directory and ports for the next {@link #start()}. */
    @Override
    public void close() {
        if (server != null) {
            stop(server);
            server = null;
            log.info("Kafka stopped");
        }
    }

    private Properties properties(int brokerPort, int controllerPort, int internalPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        if (security == null) {
            props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        } else {
            secure(props, brokerPort, controllerPort, internalPort);
        }
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // a single node cannot hold the default three replicas: without these, consumer groups and transactions silently stall
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        // nobody else will join the group, so don't wait for them
        props.put("group.initial.rebalance.delay.ms", "0");
        // the default claims 128 MiB of heap for compaction
        props.put("log.cleaner.dedupe.buffer.size", "4194304");
        // restart after a crash in ~4 s instead of ~12 s: the controller otherwise waits for the old broker session to expire
        props.put("broker.session.timeout.ms", "2000");
        props.put("broker.heartbeat.interval.ms", "500");
        return props;
    }

    /**
     * Clients: SCRAM-SHA-512 only, on {@code CLIENT}. The broker to itself ({@code INTERNAL}, also the platform's
     * admin client) and to its controller ({@code CONTROLLER}): SASL/PLAIN as the one super user, whose password only
     * this JVM knows. Nobody may do anything an ACL does not allow, including on a topic without ACLs.
     */
    private void secure(Properties props, int brokerPort, int controllerPort, int internalPort) {
        String adminJaas = KafkaSecurity.jaas(PLAIN_MODULE, KafkaSecurity.ADMIN, security.passwordOf(KafkaSecurity.ADMIN), true);
        props.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + INTERNAL_LISTENER + "://" + HOST + ":" + internalPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT," + INTERNAL_LISTENER
                + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        props.put("inter.broker.listener.name", INTERNAL_LISTENER);
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name.client.sasl.enabled.mechanisms", KafkaSecurity.MECHANISM);
        props.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.internal.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.internal.plain.sasl.jaas.config", adminJaas);
        props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.controller.plain.sasl.jaas.config", adminJaas);
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("super.users", "User:" + KafkaSecurity.ADMIN);
    }

    private void formatUnlessFormatted(KafkaConfig config) {
        // formatting again would pick a new cluster id and fail against the existing data
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not format the Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + logDir, e);
        }
        log.info("Formatted a new Kafka log directory: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    /** Kafka halts the JVM on some fatal errors; inside the platform that must be loud and not kill every service. */
    private static void interceptExitAndHalt() {
        Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
        Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
    }

    private static void refuse(String action, int status, String message) {
        log.error("Kafka asked to {} the JVM with status {}: {}", action, status, message);
        throw new IllegalStateException("Kafka asked to " + action + " the JVM with status " + status + ": " + message);
    }

    private static void stop(KafkaRaftServer raftServer) {
        raftServer.shutdown();
        raftServer.awaitShutdown();
    }
}
