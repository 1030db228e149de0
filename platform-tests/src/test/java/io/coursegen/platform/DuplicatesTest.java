package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The fault suite's "Duplicated" column can show a duplicate: what it counts, on made-up evidence. */
class DuplicatesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aWholeCourseOfFirstGenerationsHasNoDuplicates() {
        assertThat(Duplicates.inStoredCourse(course(lesson(1, List.of()), picture(1)), 1)).isEmpty();
    }

    @Test
    void aSecondResultAppliedAsANewGenerationIsADuplicateEvenThoughTheMapKeyIsTheSame() {
        List<String> found = Duplicates.inStoredCourse(course(lesson(2, List.of(new Document("revision", 1))), picture(2)), 1);

        assertThat(found).containsExactlyInAnyOrder("lesson lesson-01 is at revision 2",
                "lesson lesson-01 keeps 1 earlier versions", "picture img-1 is at revision 2");
    }

    @Test
    void theSameRecordDeliveredTwiceIsNotADuplicateButASecondDifferentResultIs() {
        String first = "{\"courseId\":\"c1\",\"lessonId\":\"lesson-01\",\"generatedAt\":\"2026-12-03T12:00:00Z\"}";
        String second = "{\"courseId\":\"c1\",\"lessonId\":\"lesson-01\",\"generatedAt\":\"2026-12-03T12:00:07Z\"}";
        String otherCourse = "{\"courseId\":\"c2\",\"lessonId\":\"lesson-01\",\"generatedAt\":\"2026-12-03T12:00:09Z\"}";

        assertThat(Duplicates.inResults(List.of(result(first), result(first)), json, Set.of("c1"))).isEmpty();
        assertThat(Duplicates.inResults(List.of(result(first), result(second), result(otherCourse)), json, Set.of("c1", "c2")))
                .containsExactly("lesson.generated c1/lesson-01 revision 1 published 2 different results");
    }

    private static ConsumerRecord<String, String> result(String value) {
        return new ConsumerRecord<>("lesson.generated", 0, 0, "c1/lesson-01", value);
    }

    private static Document course(Document lesson, Document picture) {
        return new Document("_id", "c1").append("lessons", new Document("lesson-01", lesson))
                .append("images", new Document("img-1", picture))
                .append("imageVersions", Map.of());
    }

    private static Document lesson(int revision, List<Document> versions) {
        return new Document("lessonId", "lesson-01").append("revision", revision).append("versions", versions);
    }

    private static Document picture(int revision) {
        return new Document("imageId", "img-1").append("revision", revision);
    }
}
