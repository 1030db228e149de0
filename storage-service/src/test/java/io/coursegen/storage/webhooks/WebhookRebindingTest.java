package io.coursegen.storage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DNS rebinding: a name that answers a public address when it is checked and 127.0.0.1 when it is connected to.
 * The name service here is the one {@link WebhookTargets} and the delivery client's resolver share; it counts
 * its lookups and answers from a script, so which answer the client connected to can be told apart.
 */
class WebhookRebindingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET_KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    /** A name no real DNS answers: the client can reach it only through the name service given here. */
    private static final String HOST = "hooks.rebinding.invalid";
    /** TEST-NET-1: public as far as the rules go, and never routed, so nothing here connects to the internet. */
    private static final InetAddress PUBLIC = address(192, 0, 2, 10);

    private static MongoServer server;
    private static MongoClient client;
    private static ReactiveMongoTemplate mongo;

    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private final List<InetAddress> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private HttpServer receiver;
    private WebhookDeliveries deliveries;

    @BeforeAll
    static void startMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new ReactiveMongoTemplate(client, "coursegen");
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        if (deliveries != null) {
            deliveries.shutdown();
        }
    }

    @Test
    void aNameThatAnswersPublicWhenCheckedAndLoopbackWhenConnectedNeverReachesTheLoopbackReceiver() {
        Webhooks webhooks = webhooks(false);
        String tenant = "tenant-" + UUID.randomUUID();
        answers.add(PUBLIC);                                 // the registration's check
        answers.add(InetAddress.getLoopbackAddress());       // every lookup after it

        webhooks.register(tenant, new WebhookRegistration(url(), null)).block(WAIT);
        assertThat(lookups).as("the registration looked the name up once").hasValue(1);
        deliveries.enqueue(status(tenant));

        await().atMost(WAIT).until(() -> {
            deliveries.deliverDue();
            return lastDelivery(webhooks, tenant).path("status").asString().equals("FAILED");
        });
        assertThat(hostHeaders).as("requests the loopback receiver got").isEmpty();
        assertThat(lastDelivery(webhooks, tenant).path("error").asString()).contains("loopback, private or link-local");
        assertThat(lookups).as("one lookup for the attempt: the one checked is the one connected to").hasValue(2);
    }

    @Test
    void theAddressTheLookupAnsweredIsWhatTheClientConnectsToUnderTheUrlsHostName() {
        // private addresses allowed, so the receiver on loopback may be called; the name is known only to the name
        // service here, so a delivery that arrives was connected to the address that lookup answered
        Webhooks webhooks = webhooks(true);
        String tenant = "tenant-" + UUID.randomUUID();
        answers.add(InetAddress.getLoopbackAddress());

        webhooks.register(tenant, new WebhookRegistration(url(), null)).block(WAIT);
        deliveries.enqueue(status(tenant));

        await().atMost(WAIT).until(() -> {
            deliveries.deliverDue();
            return lastDelivery(webhooks, tenant).path("status").asString().equals("DELIVERED");
        });
        assertThat(hostHeaders).containsExactly(HOST + ":" + receiver.getAddress().getPort());
        assertThat(lookups).as("one at registration, one for the attempt, none by anything else").hasValue(2);
    }

    @Test
    void anIpLiteralIsCheckedWhenConnectingToo() {
        // registered while private addresses were allowed, delivered by an instance where they are not
        Webhooks lenient = webhooks(true);
        String tenant = "tenant-" + UUID.randomUUID();
        lenient.register(tenant, new WebhookRegistration("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook", null)).block(WAIT);
        deliveries.shutdown();
        Webhooks strict = webhooks(false);
        deliveries.enqueue(status(tenant));

        await().atMost(WAIT).until(() -> {
            deliveries.deliverDue();
            return lastDelivery(strict, tenant).path("status").asString().equals("FAILED");
        });
        assertThat(hostHeaders).isEmpty();
    }

    @Test
    void overHttpsTheHandshakeNamesTheUrlsHostAndAnUntrustedCertificateIsRefused(@TempDir Path keys) throws Exception {
        // connected to 127.0.0.1 (the pinned address), the client must still ask for the URL's host name (SNI) and
        // verify the certificate; this one is self-signed, so no request may get through
        List<String> serverNames = new CopyOnWriteArrayList<>();
        HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SSLContext context = serverContext(keys);
        tls.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNames.add(new SNIHostName(name.getEncoded()).getAsciiName());
                        return true;
                    }
                }));
                parameters.setSSLParameters(ssl);
            }
        });
        tls.createContext("/hook", exchange -> {
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        tls.start();
        try {
            Webhooks webhooks = webhooks(true);
            String tenant = "tenant-" + UUID.randomUUID();
            answers.add(InetAddress.getLoopbackAddress());
            webhooks.register(tenant, new WebhookRegistration("https://" + HOST + ":" + tls.getAddress().getPort()
                    + "/hook", null)).block(WAIT);
            deliveries.enqueue(status(tenant));

            await().atMost(WAIT).until(() -> {
                deliveries.deliverDue();
                return lastDelivery(webhooks, tenant).path("status").asString().equals("FAILED");
            });
            assertThat(serverNames).as("SNI in the handshakes the receiver saw").isNotEmpty().containsOnly(HOST);
            assertThat(hostHeaders).as("requests that got through").isEmpty();
            assertThat(lastDelivery(webhooks, tenant).path("error").asString()).startsWith("SSLHandshakeException");
        } finally {
            tls.stop(0);
        }
    }

    /** A self-signed certificate for {@link #HOST}, made with the JDK's keytool. */
    private static SSLContext serverContext(Path keys) throws Exception {
        Path store = keys.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as("keytool: %s", output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private Webhooks webhooks(boolean allowPrivateAddresses) {
        WebhookProperties properties = new WebhookProperties(allowPrivateAddresses, 1, Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100), 3, List.of(), 4, 2, SECRET_KEYS);
        WebhookTargets targets = new WebhookTargets(properties, this::lookUp);
        Webhooks webhooks = new Webhooks(mongo, targets, properties, new WebhookSecrets(properties));
        deliveries = new WebhookDeliveries(mongo, webhooks, targets, properties, JSON);
        return webhooks;
    }

    /** The scripted answers in turn, the last one again once they run out; only for {@link #HOST}. */
    private InetAddress[] lookUp(String host) throws UnknownHostException {
        if (!host.equals(HOST)) {
            return InetAddress.getAllByName(host);
        }
        int lookup = lookups.getAndIncrement();
        return new InetAddress[] {answers.get(Math.min(lookup, answers.size() - 1))};
    }

    private String url() {
        return "http://" + HOST + ":" + receiver.getAddress().getPort() + "/hook";
    }

    private static JsonNode lastDelivery(Webhooks webhooks, String tenant) {
        return JSON.valueToTree(webhooks.list(tenant).block(WAIT)).path(0).path("lastDelivery");
    }

    private static CourseStatusChanged status(String tenant) {
        return new CourseStatusChanged("c-" + UUID.randomUUID(), tenant, CourseStatus.COMPLETED, 6, 6, null,
                Instant.parse("2026-11-29T10:00:00Z"));
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
