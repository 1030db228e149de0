package io.coursegen.storage.idempotency;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Lets MongoDB delete keys a while after they stopped counting ({@link IdempotencyKeys} decides expiry itself). */
@Component
class IdempotencyKeyIndexes implements ApplicationRunner {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final IdempotencyProperties properties;

    IdempotencyKeyIndexes(ReactiveMongoTemplate mongo, IdempotencyProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        mongo.indexOps(IdempotencyKeys.COLLECTION)
                .createIndex(new Index().on(IdempotencyKeys.RESERVED_AT, Direction.ASC)
                        .expire(properties.retention().plusHours(1)).named("expired_keys"))
                .block(TIMEOUT);
    }
}
