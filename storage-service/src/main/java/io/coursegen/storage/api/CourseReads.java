package io.coursegen.storage.api;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.COMPLETED_AT;
import static io.coursegen.storage.course.CourseDocuments.CREATED_AT;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.OUTLINE;
import static io.coursegen.storage.course.CourseDocuments.PARTS_DONE;
import static io.coursegen.storage.course.CourseDocuments.PARTS_TOTAL;
import static io.coursegen.storage.course.CourseDocuments.SPEC;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;

import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.StoredCourse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads with the reactive template; nothing here blocks. */
@Component
class CourseReads {

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;

    CourseReads(ReactiveMongoTemplate mongo, CourseDocuments documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    /** Empty if there is no such course or it belongs to another tenant. */
    Mono<StoredCourse> find(String tenantId, String courseId) {
        return mongo.findById(courseId, Document.class, COLLECTION)
                .map(documents::read)
                .filter(course -> tenantId.equals(course.tenantId()));
    }

    /** The tenant's courses created in [from, to) by status; statuses without a course are left out. */
    Mono<Map<String, Long>> countByStatus(String tenantId, Instant from, Instant to) {
        Aggregation byStatus = Aggregation.newAggregation(
                Aggregation.match(Criteria.where(TENANT_ID).is(tenantId)
                        .and(CREATED_AT).gte(Date.from(from)).lt(Date.from(to))),
                Aggregation.group(STATUS).count().as("courses"));
        return mongo.aggregate(byStatus, COLLECTION, Document.class)
                .collectMap(group -> group.getString(ID), group -> ((Number) group.get("courses")).longValue(),
                        TreeMap::new);
    }

    /**
     * Newest first by (createdAt, _id), both descending; a page after a cursor continues strictly below it. Reads
     * one more than the limit to learn whether another page exists, and leaves out the heavy lessons and pictures.
     */
    Mono<CoursePage> page(String tenantId, ListQuery list) {
        Criteria criteria = Criteria.where(TENANT_ID).is(tenantId);
        if (list.status() != null) {
            criteria = criteria.and(STATUS).is(list.status().name());
        }
        if (list.after() != null) {
            Date createdAt = Date.from(list.after().createdAt());
            criteria = criteria.orOperator(
                    Criteria.where(CREATED_AT).lt(createdAt),
                    Criteria.where(CREATED_AT).is(createdAt).and(ID).lt(list.after().courseId()));
        }
        Query query = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc(CREATED_AT), Sort.Order.desc(ID)))
                .limit(list.limit() + 1);
        query.fields().include(ID, TENANT_ID, STATUS, SPEC, OUTLINE, PARTS_DONE, PARTS_TOTAL, CREATED_AT, COMPLETED_AT);
        return mongo.find(query, Document.class, COLLECTION)
                .map(documents::read)
                .collectList()
                .map(courses -> page(courses, list.limit()));
    }

    private static CoursePage page(List<StoredCourse> courses, int limit) {
        boolean more = courses.size() > limit;
        List<StoredCourse> shown = more ? courses.subList(0, limit) : courses;
        StoredCourse last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        String nextCursor = more ? new PageCursor(last.createdAt(), last.courseId()).encode() : null;
        return new CoursePage(shown.stream().map(CourseReads::item).toList(), nextCursor);
    }

    private static CoursePage.Item item(StoredCourse course) {
        return new CoursePage.Item(course.courseId(), course.status(),
                course.spec() == null ? null : course.spec().topic(),
                course.outline() == null ? null : course.outline().title(),
                CourseView.Progress.of(course.partsDone(), course.partsTotal()),
                course.createdAt(), course.completedAt());
    }
}
