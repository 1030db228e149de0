package io.coursegen.storage.tenants;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Finds a tenant's keys by key id (revocation, lists); a lookup by hash uses {@code _id}. */
@Component
class TenantIndexes implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    TenantIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        mongo.indexOps(StoredKeys.COLLECTION)
                .createIndex(new Index().on(StoredKeys.TENANT, Direction.ASC).on(StoredKeys.KEY_ID, Direction.ASC)
                        .unique().named("by_tenant_and_key_id"))
                .block(StoredKeys.MONGO_TIMEOUT);
    }
}
