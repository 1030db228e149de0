package io.coursegen.storage.course;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.CREATED_AT;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.SPEC;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;
import java.util.Date;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A course accepted by the gateway, stored as QUEUED before its {@code course.requested} is published, so a read
 * straight after the submission finds it through any gateway instance. Only fields the request will set anyway,
 * and only if the course is not stored yet; {@code requestedAt} stays unset until {@code course.requested}
 * arrives, which is how a course whose request never reached storage is recognised.
 */
@Component
public class QueuedCourses {

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;

    public QueuedCourses(ReactiveMongoTemplate mongo, CourseDocuments documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    public Mono<Void> store(CourseRequested course) {
        Update update = new Update()
                .setOnInsert(TENANT_ID, course.tenantId())
                .setOnInsert(SPEC, documents.toDocument(course.spec()))
                .setOnInsert(STATUS, CourseStatus.QUEUED.name())
                .setOnInsert(CREATED_AT, Date.from(course.requestedAt()))
                .setOnInsert(UPDATED_AT, Date.from(course.requestedAt()))
                .setOnInsert(REVISION, 0L);
        return mongo.upsert(query(where(ID).is(course.courseId())), update, COLLECTION).then();
    }
}
