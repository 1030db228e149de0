package io.coursegen.storage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.storage.api.BadRequestException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registration and delivery against a MongoDB-wire server and a receiver started here (on loopback, so this
 * configuration allows private addresses), verifying signatures as a receiver would.
 */
class WebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Two keys: the first seals, both open. */
    private static final String SECRET_KEYS = "k2:" + Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B')
            + ",k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final WebhookProperties PROPERTIES = new WebhookProperties(true, 3, Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(100), 3, List.of(), 8, 2, SECRET_KEYS);

    private static MongoServer server;
    private static MongoClient client;
    private static ReactiveMongoTemplate mongo;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private HttpServer receiver;
    private Webhooks webhooks;
    private WebhookDeliveries deliveries;

    record Received(Map<String, String> headers, String body) {
    }

    /** Problem answers as the service's own advice gives them (it handles ErrorResponseExceptions the same way). */
    @RestControllerAdvice
    static class Problems extends ResponseEntityExceptionHandler {
    }

    @BeforeAll
    static void startMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new ReactiveMongoTemplate(client, "coursegen");
        new WebhookIndexes(mongo, new Webhooks(mongo, new WebhookTargets(PROPERTIES), PROPERTIES,
                new WebhookSecrets(PROPERTIES))).run(null);
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
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Map.of(
                    "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature")), body));
            exchange.sendResponseHeaders(failuresToAnswer.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        receiver.start();
        WebhookTargets targets = new WebhookTargets(PROPERTIES);
        webhooks = new Webhooks(mongo, targets, PROPERTIES, new WebhookSecrets(PROPERTIES));
        deliveries = new WebhookDeliveries(mongo, webhooks, targets, PROPERTIES, JSON);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        deliveries.shutdown();
    }

    @Test
    void aCompletedCourseIsDeliveredSignedAndRetriedAfterA500WithTheOutcomeVisibleToTheTenant() {
        String tenant = tenant();
        failuresToAnswer.set(1);
        Map<String, Object> created = webhooks.register(tenant, new WebhookRegistration(hookUrl(), null)).block(WAIT);
        String secret = (String) created.get("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(created.get("eventTypes")).isEqualTo(List.of("course.completed", "course.failed", "course.cancelled"));

        deliveries.enqueue(status("c-1", tenant, CourseStatus.GENERATING));
        CourseStatusChanged completed = status("c-1", tenant, CourseStatus.COMPLETED);
        deliveries.enqueue(completed);
        deliveries.enqueue(completed);

        await().atMost(WAIT).until(() -> {
            deliveries.deliverDue();
            return received.size() >= 2 && lastDelivery(tenant).path("status").asString().equals("DELIVERED");
        });
        assertThat(received).hasSize(2);
        assertThat(received.get(1).headers().get("webhook-id")).isEqualTo(received.get(0).headers().get("webhook-id"));
        for (Received delivery : received) {
            assertThat(delivery.headers().get("webhook-signature")).isEqualTo(expectedSignature(secret, delivery));
            long timestamp = Long.parseLong(delivery.headers().get("webhook-timestamp"));
            assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
        }
        JsonNode body = JSON.readTree(received.get(1).body());
        assertThat(body.path("type").asString()).isEqualTo("course.completed");
        assertThat(body.path("data").path("courseId").asString()).isEqualTo("c-1");
        assertThat(body.path("data").path("status").asString()).isEqualTo("COMPLETED");

        JsonNode last = lastDelivery(tenant);
        assertThat(last.path("attempts").asInt()).isEqualTo(2);
        assertThat(last.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(last.path("eventType").asString()).isEqualTo("course.completed");
        assertThat(JSON.valueToTree(webhooks.list(tenant).block(WAIT)).toString()).doesNotContain(secret);
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
        String tenant = tenant();
        failuresToAnswer.set(100);
        webhooks.register(tenant, new WebhookRegistration(hookUrl(), List.of("course.failed"))).block(WAIT);

        deliveries.enqueue(status("c-2", tenant, CourseStatus.FAILED));

        await().atMost(WAIT).until(() -> {
            deliveries.deliverDue();
            return lastDelivery(tenant).path("status").asString().equals("FAILED");
        });
        assertThat(received).hasSize(PROPERTIES.maxAttempts());
        assertThat(lastDelivery(tenant).path("error").asString()).isEqualTo("answered HTTP 500");
    }

    @Test
    void aReceiverThatTricklesItsAnswerDelaysNoOtherTenantsDeliveryAndIsCutOffAtTheDeadline() throws Exception {
        WebhookProperties quick = new WebhookProperties(true, 1, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofMillis(100), 3, List.of(), 4, 1, SECRET_KEYS);
        WebhookTargets targets = new WebhookTargets(quick);
        Webhooks hooks = new Webhooks(mongo, targets, quick, new WebhookSecrets(quick));
        WebhookDeliveries quickDeliveries = new WebhookDeliveries(mongo, hooks, targets, quick, JSON);
        // answers at once, then sends its body a byte every 100 ms for 20 s: a tarpit
        HttpServer tarpit = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tarpit.setExecutor(Executors.newCachedThreadPool());
        tarpit.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException cutOff) {
                // the client gave up, as it should
            }
        });
        tarpit.start();
        try {
            String slowTenant = tenant();
            String otherTenant = tenant();
            hooks.register(slowTenant, new WebhookRegistration("http://127.0.0.1:" + tarpit.getAddress().getPort()
                    + "/slow", null)).block(WAIT);
            hooks.register(otherTenant, new WebhookRegistration(hookUrl(), null)).block(WAIT);
            quickDeliveries.enqueue(status("c-slow", slowTenant, CourseStatus.COMPLETED));
            quickDeliveries.enqueue(status("c-other", otherTenant, CourseStatus.COMPLETED));
            long start = System.nanoTime();

            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                quickDeliveries.deliverDue();
                return received.stream().anyMatch(delivery -> delivery.body().contains("c-other"));
            });
            Duration otherDelivered = Duration.ofNanos(System.nanoTime() - start);
            await().atMost(WAIT).until(() -> lastDelivery(slowTenant).path("status").asString().equals("FAILED"));
            Duration slowCutOff = Duration.ofNanos(System.nanoTime() - start);

            assertThat(otherDelivered).as("the other tenant's delivery, while the tarpit holds its attempt")
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(slowCutOff).as("the tarpit's attempt ends at its deadline, not when the tarpit stops")
                    .isLessThan(Duration.ofSeconds(6));
            assertThat(lastDelivery(slowTenant).path("error").asString()).isEqualTo("no complete answer within 2 s");
        } finally {
            tarpit.stop(0);
            quickDeliveries.shutdown();
        }
    }

    @Test
    void theDatabaseKeepsNoSecretThatSignsAndASecretStoredBeforeSealingIsSealedWithTheCurrentKeyAtStartUp() {
        String tenant = tenant();
        Map<String, Object> created = webhooks.register(tenant, new WebhookRegistration(hookUrl(), null)).block(WAIT);
        String id = (String) created.get("id");
        String secret = (String) created.get("secret");

        String stored = webhooks.find(id).getString(Webhooks.SECRET);
        assertThat(stored).startsWith("v1:k2:").doesNotContain(secret.substring("whsec_".length()));
        assertThat(webhooks.secretOf(webhooks.find(id))).isEqualTo(secret);

        // a secret from before sealing, as an older version stored it
        String legacyId = "wh_legacy_" + UUID.randomUUID().toString().replace("-", "");
        String legacySecret = WebhookSignatures.newSecret();
        mongo.insert(new org.bson.Document("_id", legacyId).append(Webhooks.TENANT, tenant).append(Webhooks.URL, hookUrl())
                        .append(Webhooks.EVENT_TYPES, List.of("course.completed")).append(Webhooks.SECRET, legacySecret),
                Webhooks.COLLECTION).block(WAIT);

        assertThat(webhooks.resealAll()).isPositive();

        assertThat(webhooks.find(legacyId).getString(Webhooks.SECRET)).startsWith("v1:k2:");
        assertThat(webhooks.secretOf(webhooks.find(legacyId))).isEqualTo(legacySecret);
        assertThat(webhooks.resealAll()).as("nothing left to seal").isZero();
    }

    @Test
    void withoutKeysToSealSecretsNoWebhookIsTaken() {
        WebhookProperties keyless = new WebhookProperties(true, 3, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofMillis(100), 3, List.of(), 8, 2, null);
        Webhooks refusing = new Webhooks(mongo, new WebhookTargets(keyless), keyless, new WebhookSecrets(keyless));

        assertThatThrownBy(() -> refusing.register(tenant(), new WebhookRegistration(hookUrl(), null)).block(WAIT))
                .isInstanceOf(WebhooksUnavailableException.class)
                .hasMessageContaining("COURSEGEN_WEBHOOKS_SECRET_KEYS");
    }

    @Test
    void onlySubscribedTypesOfTheOwnTenantAreDeliveredAndADeletedWebhookGetsNothing() {
        String tenant = tenant();
        Map<String, Object> created = webhooks.register(tenant, new WebhookRegistration(hookUrl(),
                List.of("course.cancelled"))).block(WAIT);

        deliveries.enqueue(status("c-3", tenant, CourseStatus.COMPLETED));
        deliveries.enqueue(status("c-3", tenant(), CourseStatus.CANCELLED));
        deliveries.deliverDue();
        assertThat(received).isEmpty();

        assertThat(webhooks.delete("someone-else", (String) created.get("id")).block(WAIT)).isFalse();
        assertThat(webhooks.delete(tenant, (String) created.get("id")).block(WAIT)).isTrue();
        assertThat(webhooks.list(tenant).block(WAIT)).isEmpty();
    }

    @Test
    void registrationAcceptsOnlyHttpUrlsOfPublicAddressesUnlessPrivateOnesAreAllowed() {
        WebhookProperties strict = new WebhookProperties(false, 3, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofMillis(100), 3, List.of(80, 443), 8, 2, SECRET_KEYS);
        Webhooks guarded = new Webhooks(mongo, new WebhookTargets(strict), strict, new WebhookSecrets(strict));
        String tenant = tenant();

        for (String url : List.of(hookUrl(), "http://localhost/hook", "http://10.1.2.3/", "http://192.168.0.10/",
                "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/",
                "http://[fe80::1]/", "http://100.64.0.1/", "http://0.0.0.0/", "ftp://93.184.216.34/",
                // NAT64, 6to4 and Teredo addresses embed an IPv4 address, here a private one
                "http://[64:ff9b::a00:1]/", "http://[2002:a00:1::1]/", "http://[2001:0:a00:1::1]/",
                // a public address on a port where admin interfaces listen
                "http://93.184.216.34:8080/hook", "https://93.184.216.34:9200/",
                "file:///etc/passwd", "http://user:pw@93.184.216.34/", "not a url")) {
            assertThatThrownBy(() -> guarded.register(tenant, new WebhookRegistration(url, null)).block(WAIT))
                    .as(url).isInstanceOf(BadRequestException.class);
        }
        assertThatThrownBy(() -> guarded.register(tenant, new WebhookRegistration("https://93.184.216.34/hook",
                List.of("course.exploded"))).block(WAIT)).isInstanceOf(BadRequestException.class);

        Map<String, Object> created = guarded.register(tenant, new WebhookRegistration("https://93.184.216.34/hook",
                List.of("course.completed"))).block(WAIT);
        assertThat(created.get("url")).isEqualTo("https://93.184.216.34/hook");
    }

    @Test
    void aTenantMayHoldOnlyTheConfiguredNumberOfWebhooks() {
        String tenant = tenant();
        for (int i = 0; i < PROPERTIES.maxPerTenant(); i++) {
            webhooks.register(tenant, new WebhookRegistration(hookUrl(), null)).block(WAIT);
        }

        assertThatThrownBy(() -> webhooks.register(tenant, new WebhookRegistration(hookUrl(), null)).block(WAIT))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at most");
    }

    @Test
    void theBackOffDoublesUpToItsMaximum() {
        assertThat(PROPERTIES.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(PROPERTIES.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(PROPERTIES.backoffAfter(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(PROPERTIES.backoffAfter(20)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theApiAnswersTheSecretOnlyAtRegistrationAndKeepsTenantsApart() {
        WebTestClient api = WebTestClient.bindToController(new WebhookController(webhooks))
                .controllerAdvice(new Problems()).build();
        String tenant = tenant();

        JsonNode created = JSON.readTree(api.post().uri("/api/v1/webhooks").header("X-Coursegen-Tenant", tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", hookUrl()))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        String id = created.path("id").asString();
        assertThat(created.path("secret").asString()).startsWith("whsec_");

        JsonNode listed = JSON.readTree(api.get().uri("/api/v1/webhooks").header("X-Coursegen-Tenant", tenant)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(listed.path("items")).hasSize(1);
        assertThat(listed.path("items").path(0).path("id").asString()).isEqualTo(id);
        assertThat(listed.path("items").path(0).has("secret")).isFalse();
        api.delete().uri("/api/v1/webhooks/" + id).header("X-Coursegen-Tenant", tenant()).exchange()
                .expectStatus().isNotFound();
        api.post().uri("/api/v1/webhooks").header("X-Coursegen-Tenant", tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", "gopher://x"))
                .exchange().expectStatus().isBadRequest();
        api.delete().uri("/api/v1/webhooks/" + id).header("X-Coursegen-Tenant", tenant).exchange()
                .expectStatus().isNoContent();
    }

    private JsonNode lastDelivery(String tenant) {
        return JSON.valueToTree(webhooks.list(tenant).block(WAIT)).path(0).path("lastDelivery");
    }

    /** What a receiver computes, following Standard Webhooks, independently of the service's code. */
    private static String expectedSignature(String secret, Received delivery) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String signed = delivery.headers().get("webhook-id") + "." + delivery.headers().get("webhook-timestamp")
                    + "." + delivery.body();
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static CourseStatusChanged status(String courseId, String tenant, CourseStatus status) {
        return new CourseStatusChanged(courseId, tenant, status, 6, 6, null, Instant.parse("2026-11-29T10:00:00Z"));
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
