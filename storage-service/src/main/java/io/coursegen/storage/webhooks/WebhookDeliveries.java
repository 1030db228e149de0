package io.coursegen.storage.webhooks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatusChanged;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries, one document per webhook and message in {@value #COLLECTION}, so that retries survive a restart and
 * several instances share the work: an instance claims a due delivery by moving its next attempt past its own
 * timeout in one conditional write, attempts it, then records the outcome on the delivery and on the webhook.
 *
 * <p>The message id is derived from the snapshot, so the same snapshot read again (a replay) is the same delivery
 * and is sent once; receivers may still deduplicate by {@code webhook-id}, as Standard Webhooks recommends. The
 * body is {@code {"type": "course.completed", "timestamp": ..., "data": <CourseStatusChanged>}}.
 */
@Component
class WebhookDeliveries {

    static final String COLLECTION = "webhook_deliveries";
    static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);
    static final String AT = "at";

    static final String WEBHOOK = "webhookId";
    static final String MESSAGE = "messageId";
    static final String EVENT_TYPE = "eventType";
    static final String COURSE = "courseId";
    static final String BODY = "body";
    static final String STATUS = "status";
    static final String ATTEMPTS = "attempts";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String HTTP_STATUS = "httpStatus";
    static final String ERROR = "error";
    static final String CREATED_AT = "createdAt";

    /** A delivery's state: waiting for its (next) attempt, answered 2xx, or given up. */
    enum State { PENDING, DELIVERED, FAILED }

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final int MAX_ERROR_CHARACTERS = 300;

    private final ReactiveMongoTemplate mongo;
    private final Webhooks webhooks;
    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    WebhookDeliveries(ReactiveMongoTemplate mongo, Webhooks webhooks, WebhookTargets targets,
            WebhookProperties properties, JsonMapper json) {
        this.mongo = mongo;
        this.webhooks = webhooks;
        this.targets = targets;
        this.properties = properties;
        this.json = json;
        // redirects are not followed: a public URL must not bounce a delivery to an internal address
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Queues a delivery of this snapshot to each of its tenant's webhooks subscribed to its type. */
    void enqueue(CourseStatusChanged snapshot) {
        if (snapshot.courseId() == null || snapshot.tenantId() == null || snapshot.status() == null) {
            return;
        }
        String eventType = WebhookEventTypes.of(snapshot.status());
        List<Document> subscribed = webhooks.subscribedTo(snapshot.tenantId(), eventType);
        if (subscribed.isEmpty()) {
            // the common case: no body to build for every status change of every course
            return;
        }
        String messageId = messageId(snapshot);
        Instant now = Instant.now();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", eventType);
        payload.put("timestamp", snapshot.at() == null ? now : snapshot.at());
        payload.put("data", snapshot);
        String body = json.writeValueAsString(payload);
        for (Document webhook : subscribed) {
            String webhookId = webhook.getString(Webhooks.ID);
            try {
                mongo.insert(new Document("_id", webhookId + ":" + messageId)
                        .append(WEBHOOK, webhookId)
                        .append(MESSAGE, messageId)
                        .append(EVENT_TYPE, eventType)
                        .append(COURSE, snapshot.courseId())
                        .append(BODY, body)
                        .append(STATUS, State.PENDING.name())
                        .append(ATTEMPTS, 0)
                        .append(NEXT_ATTEMPT_AT, Date.from(now))
                        .append(CREATED_AT, Date.from(now)), COLLECTION).block(MONGO_TIMEOUT);
            } catch (DuplicateKeyException alreadyQueued) {
                log.debug("Delivery {} of webhook {} is already queued", messageId, webhookId);
            }
        }
    }

    /** Attempts every delivery that is due now, one after the other; returns how many were attempted. */
    int deliverDue() {
        int attempted = 0;
        for (Document delivery = claim(); delivery != null; delivery = claim()) {
            attempt(delivery);
            attempted++;
        }
        return attempted;
    }

    private Document claim() {
        Instant now = Instant.now();
        Duration lease = properties.timeout().multipliedBy(3);
        return mongo.findAndModify(
                        query(where(STATUS).is(State.PENDING.name()).and(NEXT_ATTEMPT_AT).lte(Date.from(now))),
                        new Update().set(NEXT_ATTEMPT_AT, Date.from(now.plus(lease))),
                        FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .block(MONGO_TIMEOUT);
    }

    private void attempt(Document delivery) {
        String id = delivery.getString("_id");
        Document webhook = webhooks.find(delivery.getString(WEBHOOK));
        if (webhook == null) {
            mongo.remove(query(where("_id").is(id)), COLLECTION).block(MONGO_TIMEOUT);
            return;
        }
        int attempts = delivery.getInteger(ATTEMPTS, 0) + 1;
        Integer httpStatus = null;
        String error = null;
        boolean retryable = true;
        try {
            URI target = targets.check(webhook.getString(Webhooks.URL));
            httpStatus = send(target, webhook.getString(Webhooks.SECRET), delivery.getString(MESSAGE),
                    delivery.getString(BODY));
            if (httpStatus < 200 || httpStatus > 299) {
                error = "answered HTTP " + httpStatus;
            }
        } catch (ErrorResponseException refused) {
            error = refused.getBody().getDetail();
            retryable = false;
        } catch (IOException e) {
            error = shortened(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        State state = error == null ? State.DELIVERED
                : retryable && attempts < properties.maxAttempts() ? State.PENDING : State.FAILED;
        Instant now = Instant.now();
        Update outcome = new Update().set(STATUS, state.name()).set(ATTEMPTS, attempts).set(HTTP_STATUS, httpStatus)
                .set(ERROR, error)
                .set(NEXT_ATTEMPT_AT,
                        Date.from(state == State.PENDING ? now.plus(properties.backoffAfter(attempts)) : now));
        mongo.updateFirst(query(where("_id").is(id)), outcome, COLLECTION).block(MONGO_TIMEOUT);
        webhooks.recordLastDelivery(webhook.getString(Webhooks.ID), new Document(MESSAGE, delivery.getString(MESSAGE))
                .append(EVENT_TYPE, delivery.getString(EVENT_TYPE))
                .append(COURSE, delivery.getString(COURSE))
                .append(STATUS, state == State.PENDING ? "RETRYING" : state.name())
                .append(ATTEMPTS, attempts)
                .append(HTTP_STATUS, httpStatus)
                .append(ERROR, error)
                .append(AT, Date.from(now)));
        if (error != null) {
            log.info("Webhook {} delivery {} attempt {} failed ({}){}", webhook.getString(Webhooks.ID),
                    delivery.getString(MESSAGE), attempts, error, state == State.FAILED ? "; given up" : "");
        }
    }

    private int send(URI target, String secret, String messageId, String body)
            throws IOException, InterruptedException {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Coursegen-Webhooks/1")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignatures.sign(secret, messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String messageId(CourseStatusChanged snapshot) {
        String identity = snapshot.courseId() + "|" + snapshot.status() + "|" + snapshot.partsDone() + "|"
                + snapshot.at();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static String shortened(String text) {
        return text.length() <= MAX_ERROR_CHARACTERS ? text : text.substring(0, MAX_ERROR_CHARACTERS) + "...";
    }
}
