package io.coursegen.storage.webhooks;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Looks webhooks up by tenant and due deliveries by state and time; MongoDB forgets deliveries after a week. */
@Component
class WebhookIndexes implements ApplicationRunner {

    static final Duration DELIVERIES_KEPT = Duration.ofDays(7);

    private final ReactiveMongoTemplate mongo;

    WebhookIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
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
    }
}
