package io.coursegen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.testkit.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running gateway (real HTTP port, real Kafka) in front of a fake storage-service. Every integration
 * test extends this with the same configuration, so they all share one application context.
 */
@SpringBootTest(classes = GatewayServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=gateway-service",
                "coursegen.kafka.partitions=2",
                "coursegen.kafka.retry.initial-interval=100ms",
                "coursegen.kafka.retry.retries=1",
                "coursegen.gateway.api-keys=acme=" + GatewayTestSupport.ACME_KEY + ",globex=" + GatewayTestSupport.GLOBEX_KEY,
                "coursegen.gateway.storage-timeout=3s",
                // every test calls from 127.0.0.1, many with wrong keys on purpose: FailedAuthenticationsTest tests the limit
                "coursegen.gateway.failed-authentications-per-minute=0",
                "coursegen.internal.secret=" + FakeStorage.SECRET,
                // input moderation by the offline word list: no network; ModerationTest flags its own words
                "coursegen.llm.provider=offline",
                "coursegen.moderation.offline-terms.violence=massacre,forbidden-word",
                "coursegen.gateway.progress.heartbeat=300ms",
                // small enough for StreamsAcrossGatewaysTest to open them all
                "coursegen.gateway.progress.streams-per-tenant=3"})
@AutoConfigureWebTestClient
public abstract class GatewayTestSupport {

    protected static final String API_KEY = "X-API-Key";
    protected static final String ACME_KEY = "acme-key-Zm9vYmFyYmF6cXV4==";
    protected static final String GLOBEX_KEY = "globex-key-2-c2Vjb25kLXRlbmFudA";
    protected static final FakeStorage STORAGE = FakeStorage.start();

    @LocalServerPort
    protected int port;
    @Autowired
    protected WebTestClient client;
    @Autowired
    protected JsonMapper json;
    /**
     * This context's own broker. Not {@code ${spring.kafka.bootstrap-servers}}: each embedded broker publishes its
     * address as that JVM-wide system property, so once a test class with a context of its own has started one, the
     * property names that broker and no longer this context's.
     */
    protected String bootstrapServers;

    @Autowired
    void embeddedBroker(EmbeddedKafkaBroker broker) {
        this.bootstrapServers = broker.getBrokersAsString();
    }

    @DynamicPropertySource
    static void storageService(DynamicPropertyRegistry registry) {
        registry.add("coursegen.gateway.storage-url", STORAGE::baseUrl);
    }

    /**
     * Another gateway instance, configured as this context is, on its broker and fake storage: for what must hold
     * across instances. It closes at once, open streams or not, so a failing test does not wait for them.
     */
    protected ConfigurableApplicationContext anotherInstance() {
        return anotherInstance(new String[0]);
    }

    /**
     * {@link #anotherInstance()} with these arguments added; one naming a property of the usual ones replaces it
     * (a repeated command-line property would bind as both values, comma-joined).
     */
    protected ConfigurableApplicationContext anotherInstance(String... extraArgs) {
        List<String> args = new java.util.ArrayList<>(List.of(
                        "--spring.config.name=gateway-service",
                        "--server.port=0",
                        "--server.shutdown=immediate",
                        "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                        "--spring.kafka.consumer.group-id=gateway-second-instance",
                        "--coursegen.kafka.partitions=2",
                        "--coursegen.gateway.api-keys=acme=" + ACME_KEY + ",globex=" + GLOBEX_KEY,
                        "--coursegen.internal.secret=" + FakeStorage.SECRET,
                        "--coursegen.llm.provider=offline",
                        "--coursegen.gateway.storage-url=" + STORAGE.baseUrl(),
                        "--coursegen.gateway.failed-authentications-per-minute=0",
                        "--coursegen.gateway.progress.heartbeat=300ms",
                        "--coursegen.gateway.progress.streams-per-tenant=3"));
        for (String extra : extraArgs) {
            String name = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(name));
            args.add(extra);
        }
        return new SpringApplicationBuilder(GatewayServiceApplication.class)
                // as command-line arguments: they override the configuration file, as the test context's properties do
                .run(args.toArray(String[]::new));
    }

    /** A client of an instance from {@link #anotherInstance()}. */
    protected static WebTestClient clientOf(ConfigurableApplicationContext instance) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port")).build();
    }

    /** Asserts the answer is an RFC 9457 problem with this status, without internals, and returns it. */
    protected JsonNode problem(WebTestClient.ResponseSpec response, int status) {
        return problem(response.expectBody().returnResult(), status);
    }

    protected JsonNode problem(EntityExchangeResult<byte[]> result, int status) {
        assertThat(result.getStatus().value()).isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        String text = new String(result.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Exception", "\tat ", "at org.", "at io.", "trace");
        JsonNode problem = json.readTree(text);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        return problem;
    }

    /** An absolute URI exactly as written, for paths and queries that the client must not re-encode. */
    protected URI verbatim(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    /**
     * Sends bytes no HTTP client library would send (invalid header values, malformed request lines) and
     * returns the raw answer.
     */
    protected RawAnswer raw(String requestLine, List<String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach(header -> head.append(header).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            // one write, so the server has the whole request even if it answers before reading the body
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.writeBytes(body);
            }
            socket.getOutputStream().write(request.toByteArray());
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int endOfHead = answer.indexOf("\r\n\r\n");
            return new RawAnswer(Integer.parseInt(answer.substring(9, 12)),
                    answer.substring(0, Math.max(endOfHead, 0)), endOfHead < 0 ? "" : answer.substring(endOfHead + 4));
        }
    }

    protected record RawAnswer(int status, String head, String body) {
    }

    /** The first record with this key, read with a plain consumer from the beginning of every partition. */
    protected ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.compareAndSet(null, record);
                    }
                });
                return found.get() != null;
            });
            return found.get();
        }
    }

    /** Every record with this key stored so far: read from the beginning up to each partition's current end. */
    protected List<ConsumerRecord<String, String>> recordsSoFar(String topic, String key) {
        return TopicReader.recordsSoFar(bootstrapServers, topic, key);
    }

    /**
     * Every record on any topic of the broker (internal ones aside) whose key or value contains this text, read from
     * the beginning up to each partition's end as it is now: conclusive for "was anything published about it?" once
     * the answer that would have followed a publication has been seen.
     */
    protected List<ConsumerRecord<String, String>> recordsMentioning(String text) {
        return topicNames().stream()
                .filter(topic -> !topic.startsWith("__"))
                .flatMap(topic -> TopicReader.recordsSoFar(bootstrapServers, topic).stream())
                .filter(record -> (record.key() != null && record.key().contains(text))
                        || (record.value() != null && record.value().contains(text)))
                .toList();
    }

    /** The names of the broker's topics. */
    protected Set<String> topicNames() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
                new StringDeserializer())) {
            return consumer.listTopics().keySet();
        }
    }
}
