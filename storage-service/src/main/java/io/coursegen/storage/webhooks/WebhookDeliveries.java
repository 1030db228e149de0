package io.coursegen.storage.webhooks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatusChanged;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.URI;
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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;
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
    static final String TENANT = "tenantId";
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
    /** The client's own event loop, so deliveries never take time from the API's. */
    private final LoopResources loops;
    /** Host name lookups, one per connection; as many threads as attempts, so no lookup waits behind another's. */
    private final ExecutorService lookups;
    /** Attempts run here, at most {@code maxConcurrentAttempts} at once; the loop claims only for a free thread. */
    private final ExecutorService attempts;
    private final Semaphore freeThreads;
    private final Map<String, AtomicInteger> runningByTenant = new ConcurrentHashMap<>();

    WebhookDeliveries(ReactiveMongoTemplate mongo, Webhooks webhooks, WebhookTargets targets,
            WebhookProperties properties, JsonMapper json) {
        this.mongo = mongo;
        this.webhooks = webhooks;
        this.targets = targets;
        this.properties = properties;
        this.json = json;
        this.loops = LoopResources.create("webhook-http", 1, true);
        this.lookups = Executors.newFixedThreadPool(properties.maxConcurrentAttempts(), daemon("webhook-lookup"));
        // Reactor Netty rather than the JDK's client, which resolves names itself and cannot be handed the addresses
        // that were checked. No pool: every attempt connects, and so looks its host up, anew. Redirects are not
        // followed: a public URL must not bounce a delivery to an internal address.
        this.http = HttpClient.newConnection()
                .runOn(loops)
                .resolver(new WebhookAddressResolver(targets, lookups))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.timeout().toMillis()))
                .followRedirect(false);
        this.attempts = Executors.newFixedThreadPool(properties.maxConcurrentAttempts(), daemon("webhook-attempt"));
        this.freeThreads = new Semaphore(properties.maxConcurrentAttempts());
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
                        .append(TENANT, snapshot.tenantId())
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

    /**
     * Starts an attempt for each due delivery while a thread is free, at most {@code maxConcurrentPerTenant} at once
     * per tenant: a tenant whose receivers are slow (or trickle their answers until the attempt's deadline) holds a
     * thread or two, and every other tenant's deliveries go on. Returns how many attempts were started; they finish
     * on their own threads.
     */
    int deliverDue() {
        int started = 0;
        while (freeThreads.tryAcquire()) {
            Document delivery = claim();
            if (delivery == null) {
                freeThreads.release();
                break;
            }
            String tenant = Objects.requireNonNullElse(delivery.getString(TENANT), delivery.getString(WEBHOOK));
            AtomicInteger running = runningByTenant.computeIfAbsent(tenant, any -> new AtomicInteger());
            if (running.incrementAndGet() > properties.maxConcurrentPerTenant()) {
                running.decrementAndGet();
                freeThreads.release();
                postpone(delivery);
                continue;
            }
            try {
                attempts.execute(() -> {
                    try {
                        attempt(delivery);
                    } finally {
                        running.decrementAndGet();
                        freeThreads.release();
                    }
                });
                started++;
            } catch (RejectedExecutionException stopping) {
                running.decrementAndGet();
                freeThreads.release();
                break;
            }
        }
        return started;
    }

    /** The tenant has enough attempts running: this one waits a poll interval, no attempt counted. */
    private void postpone(Document delivery) {
        mongo.updateFirst(query(where("_id").is(delivery.getString("_id"))),
                new Update().set(NEXT_ATTEMPT_AT, Date.from(Instant.now().plus(properties.pollInterval()))), COLLECTION)
                .block(MONGO_TIMEOUT);
    }

    /** Stops starting attempts; those in flight end by their deadline. */
    void shutdown() {
        attempts.shutdownNow();
        lookups.shutdownNow();
        loops.disposeLater().subscribe();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
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
            // no lookup here: the client's resolver looks the host up once and checks what it connects to
            URI target = targets.parse(webhook.getString(Webhooks.URL));
            httpStatus = send(target, webhooks.secretOf(webhook), delivery.getString(MESSAGE),
                    delivery.getString(BODY));
            if (httpStatus < 200 || httpStatus > 299) {
                error = "answered HTTP " + httpStatus;
            }
        } catch (ErrorResponseException refused) {
            error = refused.getBody().getDetail();
            retryable = false;
        } catch (IOException e) {
            error = shortened(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (TimeoutException e) {
            error = "no complete answer within " + properties.timeout().toSeconds() + " s";
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

    /** The answer's status, once the whole answer arrived within the attempt's deadline. */
    private int send(URI target, String secret, String messageId, String body)
            throws IOException, InterruptedException, TimeoutException {
        long timestamp = Instant.now().getEpochSecond();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignatures.sign(secret, messageId, timestamp, body);
        // one deadline for the whole attempt (looking the host up, connecting, sending and the complete answer): a
        // receiver that answers its headers and then trickles its body would otherwise hold the attempt (and its
        // thread) as long as it likes. The body is read and dropped as it arrives, never held.
        CompletableFuture<Integer> answer = http
                .headers(headers -> headers
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                        .set(HttpHeaderNames.USER_AGENT, "Coursegen-Webhooks/1")
                        .set("webhook-id", messageId)
                        .set("webhook-timestamp", Long.toString(timestamp))
                        .set("webhook-signature", signature))
                .post()
                .uri(target)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)))
                .response((response, content) -> content.then(Mono.just(response.status().code())))
                .single()
                .timeout(properties.timeout())
                .toFuture();
        try {
            // the Mono's own timeout ends it; waiting a little longer only guards against a pipeline that never ends
            return answer.get(properties.timeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | TimeoutException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = Exceptions.unwrap(e.getCause());
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof ErrorResponseException refused) {
                    throw refused;      // the resolver refused the host's addresses
                }
            }
            if (cause instanceof TimeoutException timeout) {
                throw timeout;
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
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
