package io.coursegen.storage.course;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Usage;
import io.coursegen.storage.course.StoredCourse.Failure;
import io.coursegen.storage.course.StoredCourse.LessonVersion;
import io.coursegen.storage.course.StoredCourse.Regeneration;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import io.coursegen.storage.course.StoredCourse.StoredOutline;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code courses} collection: field names, and the mapping between documents and {@link StoredCourse}.
 * Contract pieces (spec, outline, lesson, usage) are stored with the same field names they have on the wire,
 * converted by the application's JsonMapper; timestamps are stored as BSON dates so they sort and compare.
 */
@Component
public class CourseDocuments {

    public static final String COLLECTION = "courses";

    public static final String ID = "_id";
    public static final String TENANT_ID = "tenantId";
    public static final String STATUS = "status";
    public static final String SPEC = "spec";
    public static final String OUTLINE = "outline";
    public static final String LESSONS = "lessons";
    public static final String IMAGES = "images";
    public static final String OUTLINE_USAGE = "outlineUsage";
    public static final String FAILURES = "failures";
    public static final String REVISION = "revision";
    public static final String PARTS_DONE = "partsDone";
    public static final String PARTS_TOTAL = "partsTotal";
    public static final String ERROR = "error";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String OUTLINED_AT = "outlinedAt";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String COMPLETED_AT = "completedAt";
    public static final String REGENERATIONS = "regenerations";
    /** Set by the intake: the course waits for admission (see {@code storage.admission}) since then. */
    public static final String WAITING_SINCE = "waitingSince";
    /** When the course was admitted for generation; absent while it waits. */
    public static final String ADMITTED_AT = "admittedAt";
    /** The W3C traceparent of the request, so admission continues its trace. */
    public static final String TRACE_PARENT = "traceparent";
    /** By imageId, a list of the pictures shown before (same entries as {@code images.<id>}). */
    public static final String IMAGE_VERSIONS = "imageVersions";
    /** By part, {@code true} once the part was counted in the pipeline meters (see {@code storage.metrics}). */
    public static final String METERED = "metered";
    /** Cost and completion as estimated at submission ({@code costUsd}, {@code completesAt}). */
    public static final String ESTIMATE = "estimate";
    /**
     * The course's account with its tenant's monthly budget (see {@code storage.budget}): {@code month}, what is
     * still reserved and what was settled so far, in micro-USD.
     */
    public static final String BUDGET = "budget";
    /**
     * A reviewed course's outline revision: 1 as the model wrote it, one more for every edit the owner saved; absent
     * for courses that are not reviewed.
     */
    public static final String OUTLINE_REVISION = "outlineRevision";
    /** When the owner approved a reviewed course's outline; absent until then. */
    public static final String APPROVED_AT = "approvedAt";

    /** Fields inside one {@code lessons.<id>} or {@code images.<id>} entry. */
    public static final String LESSON_ID = "lessonId";
    public static final String LESSON_PLAN = "plan";
    public static final String LESSON_CONTENT = "content";
    public static final String IMAGE_ID = "imageId";
    public static final String IMAGE_CAPTION = "caption";
    public static final String IMAGE_ALT_TEXT = "altText";
    public static final String USAGE = "usage";
    public static final String GENERATED_AT = "generatedAt";
    /**
     * The revision of a shown lesson text or picture, or of a version, or (in {@code regenerations}) the one a
     * regeneration asked for or a hand edit made.
     */
    public static final String PART_REVISION = "revision";
    /** Inside a lesson entry: the texts shown before, oldest first. */
    public static final String VERSIONS = "versions";
    /**
     * Inside a lesson entry and its versions: when its owner wrote that revision by hand ({@code storage.editing});
     * absent for a model's text.
     */
    public static final String EDITED_AT = "editedAt";

    /** Fields inside one {@code regenerations.<lessonId>} entry (besides lessonId and revision). */
    public static final String INSTRUCTIONS = "instructions";
    public static final String LESSON_PENDING = "lessonPending";
    public static final String IMAGE_PENDING = "imagePending";

    /** Fields inside one {@code failures.<partId>} entry. */
    public static final String PART_ID = "partId";
    public static final String REASON = "reason";
    public static final String FAILED_AT = "failedAt";

    private final JsonMapper jsonMapper;

    public CourseDocuments(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** A contract record as a BSON document with its JSON field names. */
    public Document toDocument(Object value) {
        return Document.parse(jsonMapper.writeValueAsString(value));
    }

    /** A contract record back from the document {@link #toDocument} made of it. */
    public <T> T fromDocument(Document doc, Class<T> type) {
        return convert(doc, type);
    }

    /**
     * A shown lesson entry as a version: its text copied as stored, so a replay of the event that brought it is
     * recognised as already kept ({@code $addToSet}), and a hand edit keeps its mark.
     */
    public static Document asLessonVersion(Document shownLesson) {
        Document version = new Document(PART_REVISION, shownLesson.getInteger(PART_REVISION, 1))
                .append(LESSON_CONTENT, shownLesson.get(LESSON_CONTENT))
                .append(USAGE, shownLesson.get(USAGE))
                .append(GENERATED_AT, shownLesson.get(GENERATED_AT));
        if (shownLesson.get(EDITED_AT) != null) {
            version.append(EDITED_AT, shownLesson.get(EDITED_AT));
        }
        return version;
    }

    /** A shown picture entry as a version, copied as stored for the same reason. */
    public static Document asImageVersion(Document shownImage) {
        Document version = new Document(shownImage);
        version.putIfAbsent(PART_REVISION, 1);
        return version;
    }

    public StoredCourse read(Document doc) {
        return new StoredCourse(
                doc.getString(ID),
                doc.getString(TENANT_ID),
                doc.getString(STATUS) == null ? CourseStatus.QUEUED : CourseStatus.valueOf(doc.getString(STATUS)),
                convert(doc.get(SPEC), CourseSpec.class),
                convert(doc.get(OUTLINE), StoredOutline.class),
                entries(doc, LESSONS, LESSON_ID, this::lesson),
                entries(doc, IMAGES, IMAGE_ID, this::image),
                convert(doc.get(OUTLINE_USAGE), Usage.class),
                entries(doc, FAILURES, PART_ID, this::failure),
                number(doc, REVISION),
                (int) number(doc, PARTS_DONE),
                (int) number(doc, PARTS_TOTAL),
                doc.getString(ERROR),
                instant(doc, CREATED_AT),
                instant(doc, UPDATED_AT),
                instant(doc, COMPLETED_AT),
                entries(doc, REGENERATIONS, LESSON_ID, this::regeneration),
                imageVersions(doc),
                doc.get(ESTIMATE) instanceof Document estimate ? new Estimate(
                        estimate.get("costUsd") instanceof Number cost ? cost.doubleValue() : 0,
                        instant(estimate, "completesAt")) : null,
                review(doc));
    }

    /** Null for a course whose request asked for no review. */
    private StoredCourse.Review review(Document doc) {
        CourseSpec spec = convert(doc.get(SPEC), CourseSpec.class);
        if (spec == null || !spec.reviewsOutline()) {
            return null;
        }
        return new StoredCourse.Review(doc.get(OUTLINE_REVISION) instanceof Number revision ? revision.intValue() : 1,
                instant(doc, APPROVED_AT), doc.get(ADMITTED_AT) != null);
    }

    private StoredLesson lesson(Document entry) {
        return new StoredLesson(entry.getString(LESSON_ID),
                convert(entry.get(LESSON_PLAN), Outline.OutlineLesson.class),
                convert(entry.get(LESSON_CONTENT), Lesson.class),
                convert(entry.get(USAGE), Usage.class),
                instant(entry, GENERATED_AT),
                entry.getInteger(PART_REVISION),
                list(entry, VERSIONS).stream().map(this::lessonVersion).toList(),
                instant(entry, EDITED_AT));
    }

    private LessonVersion lessonVersion(Document entry) {
        return new LessonVersion(entry.getInteger(PART_REVISION), convert(entry.get(LESSON_CONTENT), Lesson.class),
                convert(entry.get(USAGE), Usage.class), instant(entry, GENERATED_AT), instant(entry, EDITED_AT));
    }

    private Regeneration regeneration(Document entry) {
        return new Regeneration(entry.getString(LESSON_ID), entry.getInteger(PART_REVISION, 1),
                entry.getString(INSTRUCTIONS), entry.getBoolean(LESSON_PENDING, false),
                entry.getBoolean(IMAGE_PENDING, false));
    }

    /** By imageId (each stored picture holds its id, so the encoded field names are never decoded). */
    private Map<String, List<StoredImage>> imageVersions(Document doc) {
        Map<String, List<StoredImage>> result = new LinkedHashMap<>();
        Document map = doc.get(IMAGE_VERSIONS, Document.class);
        if (map != null) {
            map.values().forEach(value -> {
                List<StoredImage> versions = ((List<?>) value).stream()
                        .map(entry -> image((Document) entry)).toList();
                if (!versions.isEmpty()) {
                    result.put(versions.get(0).imageId(), versions);
                }
            });
        }
        return result;
    }

    private static List<Document> list(Document doc, String field) {
        return doc.get(field) instanceof List<?> values
                ? values.stream().map(Document.class::cast).toList()
                : List.of();
    }

    private StoredImage image(Document entry) {
        Document withoutDate = new Document(entry);
        withoutDate.remove(GENERATED_AT);
        return convert(withoutDate, StoredImage.class);
    }

    private Failure failure(Document entry) {
        return new Failure(entry.getString(PART_ID), entry.getString(REASON), instant(entry, FAILED_AT));
    }

    /** A map field's entries keyed by the id each entry holds (the field names are encoded, see {@link FieldKeys}). */
    private static <T> Map<String, T> entries(Document doc, String field, String idField, Function<Document, T> read) {
        Map<String, T> result = new LinkedHashMap<>();
        Document map = doc.get(field, Document.class);
        if (map != null) {
            map.values().forEach(value -> {
                Document entry = (Document) value;
                String id = entry.getString(idField);
                if (id != null) {
                    result.put(id, read.apply(entry));
                }
            });
        }
        return result;
    }

    private <T> T convert(Object value, Class<T> type) {
        return value == null ? null : jsonMapper.convertValue(value, type);
    }

    private static long number(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
