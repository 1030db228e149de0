package io.coursegen.storage.webhooks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.storage.api.BadRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The registrations, one document per webhook in {@value #COLLECTION}, always looked up together with the tenant
 * so no tenant can see or delete another's. The secret is kept (deliveries are signed with it) but answered only
 * once, at registration.
 */
@Component
class Webhooks {

    static final String COLLECTION = "webhooks";
    static final String ID = "_id";
    static final String TENANT = "tenantId";
    static final String URL = "url";
    static final String EVENT_TYPES = "eventTypes";
    static final String SECRET = "secret";
    static final String CREATED_AT = "createdAt";
    static final String LAST_DELIVERY = "lastDelivery";

    private final ReactiveMongoTemplate mongo;
    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final WebhookSecrets secrets;

    Webhooks(ReactiveMongoTemplate mongo, WebhookTargets targets, WebhookProperties properties, WebhookSecrets secrets) {
        this.mongo = mongo;
        this.targets = targets;
        this.properties = properties;
        this.secrets = secrets;
    }

    /** A new webhook, answered with its secret; the URL is checked (resolving its host) off the event loop. */
    Mono<Map<String, Object>> register(String tenantId, WebhookRegistration registration) {
        if (!secrets.configured()) {
            return Mono.error(new WebhooksUnavailableException());
        }
        List<String> eventTypes = eventTypes(registration.eventTypes());
        String id = "wh_" + UUID.randomUUID().toString().replace("-", "");
        String secret = WebhookSignatures.newSecret();
        return Mono.fromCallable(() -> targets.check(registration.url()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(url -> mongo.count(query(where(TENANT).is(tenantId)), COLLECTION)
                        .flatMap(count -> count >= properties.maxPerTenant()
                                ? Mono.error(new BadRequestException("A tenant may register at most "
                                        + properties.maxPerTenant() + " webhooks; delete one first"))
                                : mongo.insert(new Document(ID, id)
                                        .append(TENANT, tenantId)
                                        .append(URL, url.toString())
                                        .append(EVENT_TYPES, eventTypes)
                                        .append(SECRET, secrets.seal(id, secret))
                                        .append(CREATED_AT, Date.from(Instant.now())), COLLECTION)))
                .map(stored -> {
                    Map<String, Object> view = view(stored);
                    // the one time the secret is shown; what is stored opens only with the operator's key
                    view.put(SECRET, secret);
                    return view;
                });
    }

    /** The webhook's signing secret, opened (blocking: for the delivery side). */
    String secretOf(Document webhook) {
        return secrets.open(webhook.getString(ID), webhook.getString(SECRET));
    }

    /**
     * Seals every secret not sealed with the current key yet (stored before sealing existed, or under a key being
     * rotated out); returns how many. Each update is conditional on the value read, so instances racing do no harm.
     */
    long resealAll() {
        if (!secrets.configured()) {
            return 0;
        }
        List<Document> stale = mongo.find(query(where(SECRET).exists(true)), Document.class, COLLECTION)
                .filter(webhook -> !secrets.sealedWithCurrentKey(webhook.getString(SECRET)))
                .collectList().block(WebhookDeliveries.MONGO_TIMEOUT);
        long resealed = 0;
        for (Document webhook : stale == null ? List.<Document>of() : stale) {
            String id = webhook.getString(ID);
            String stored = webhook.getString(SECRET);
            resealed += mongo.updateFirst(query(where(ID).is(id).and(SECRET).is(stored)),
                            new Update().set(SECRET, secrets.seal(id, secrets.open(id, stored))), COLLECTION)
                    .map(result -> result.getModifiedCount()).block(WebhookDeliveries.MONGO_TIMEOUT);
        }
        return resealed;
    }

    Mono<List<Map<String, Object>>> list(String tenantId) {
        return mongo.find(query(where(TENANT).is(tenantId)).with(Sort.by(CREATED_AT, ID)), Document.class, COLLECTION)
                .map(Webhooks::view)
                .collectList();
    }

    Mono<Boolean> delete(String tenantId, String id) {
        return mongo.remove(query(where(ID).is(id).and(TENANT).is(tenantId)), COLLECTION)
                .map(result -> result.getDeletedCount() > 0);
    }

    /** The tenant's webhooks subscribed to this event type (blocking: for the delivery side). */
    List<Document> subscribedTo(String tenantId, String eventType) {
        return mongo.find(query(where(TENANT).is(tenantId).and(EVENT_TYPES).is(eventType)), Document.class, COLLECTION)
                .collectList().block(WebhookDeliveries.MONGO_TIMEOUT);
    }

    Document find(String id) {
        return mongo.findById(id, Document.class, COLLECTION).block(WebhookDeliveries.MONGO_TIMEOUT);
    }

    void recordLastDelivery(String id, Document lastDelivery) {
        mongo.updateFirst(query(where(ID).is(id)), new Update().set(LAST_DELIVERY, lastDelivery), COLLECTION)
                .block(WebhookDeliveries.MONGO_TIMEOUT);
    }

    private static List<String> eventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return WebhookEventTypes.DEFAULT;
        }
        List<String> types = new ArrayList<>();
        for (String type : requested) {
            if (!WebhookEventTypes.ALL.contains(type)) {
                throw new BadRequestException("eventTypes may contain only "
                        + String.join(", ", WebhookEventTypes.ALL));
            }
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** What the tenant sees of a webhook: everything but the secret. */
    private static Map<String, Object> view(Document stored) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", stored.getString(ID));
        view.put(URL, stored.getString(URL));
        view.put(EVENT_TYPES, stored.getList(EVENT_TYPES, String.class));
        view.put(CREATED_AT, instant(stored.get(CREATED_AT)));
        Document last = stored.get(LAST_DELIVERY, Document.class);
        if (last == null) {
            view.put(LAST_DELIVERY, null);
        } else {
            Map<String, Object> delivery = new LinkedHashMap<>(last);
            delivery.put(WebhookDeliveries.AT, instant(last.get(WebhookDeliveries.AT)));
            view.put(LAST_DELIVERY, delivery);
        }
        return view;
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
