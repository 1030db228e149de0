package io.coursegen.storage.webhooks;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Looks webhooks up by tenant and due deliveries by state and time; MongoDB forgets deliveries after a week. At
 * start-up, also seals every webhook secret not sealed with the current key (see {@link WebhookSecrets}).
 */
@Component
class WebhookIndexes implements ApplicationRunner {

    static final Duration DELIVERIES_KEPT = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(WebhookIndexes.class);

    private final ReactiveMongoTemplate mongo;
    private final Webhooks webhooks;

    WebhookIndexes(ReactiveMongoTemplate mongo, Webhooks webhooks) {
        this.mongo = mongo;
        this.webhooks = webhooks;
    }

    @Override
    public void run(ApplicationArguments args) {
        mongo.indexOps(Webhooks.COLLECTION)
                .createIndex(new Index().on(Webhooks.TENANT, Direction.ASC).named("by_tenant"))
                .block(WebhookDeliveries.MONGO_TIMEOUT);
        mongo.indexOps(WebhookDeliveries.COLLECTION)
                .createIndex(new Index().on(WebhookDeliveries.STATUS, Direction.ASC)
                        .on(WebhookDeliveries.NEXT_ATTEMPT_AT, Direction.ASC).named("due"))
                .block(WebhookDeliveries.MONGO_TIMEOUT);
        mongo.indexOps(WebhookDeliveries.COLLECTION)
                .createIndex(new Index().on(WebhookDeliveries.CREATED_AT, Direction.ASC)
                        .expire(DELIVERIES_KEPT).named("forgotten"))
                .block(WebhookDeliveries.MONGO_TIMEOUT);
        long resealed = webhooks.resealAll();
        if (resealed > 0) {
            log.info("Sealed {} webhook secrets with the current key", resealed);
        }
    }
}
