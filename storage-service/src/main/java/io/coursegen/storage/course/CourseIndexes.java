package io.coursegen.storage.course;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.CREATED_AT;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.WAITING_SINCE;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Creates the indexes behind the list endpoint (a tenant's courses newest first, optionally by status) and
 * behind the queries for running courses at startup. Creating an existing index is a no-op, so every instance
 * may do it. Declared here rather than by annotations because the collection is written with plain documents,
 * not a mapped entity.
 */
@Component
class CourseIndexes implements ApplicationRunner {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;

    CourseIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        Flux.concat(
                        mongo.indexOps(COLLECTION).createIndex(new Index()
                                .on(TENANT_ID, Direction.ASC).on(CREATED_AT, Direction.DESC).on(ID, Direction.DESC)
                                .named("tenant_newest_first")),
                        mongo.indexOps(COLLECTION).createIndex(new Index()
                                .on(TENANT_ID, Direction.ASC).on(STATUS, Direction.ASC)
                                .on(CREATED_AT, Direction.DESC).on(ID, Direction.DESC)
                                .named("tenant_status_newest_first")),
                        // the deadline sweep and the in-flight gauge look for running courses across tenants
                        mongo.indexOps(COLLECTION).createIndex(new Index()
                                .on(STATUS, Direction.ASC).on(CREATED_AT, Direction.ASC)
                                .named("status_oldest_first")),
                        // the waiting room admits each tenant's oldest waiting course first
                        mongo.indexOps(COLLECTION).createIndex(new Index()
                                .on(TENANT_ID, Direction.ASC).on(WAITING_SINCE, Direction.ASC)
                                .named("tenant_waiting_oldest_first")))
                .then()
                .block(TIMEOUT);
    }
}
