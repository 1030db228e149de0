package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonExporterTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ExportFixtures fixtures = new ExportFixtures();
    private final JsonExporter exporter = new JsonExporter(json);

    @Test
    void isTheCourseDocumentWithItsLessonsInPositionOrder() {
        JsonNode course = json.readTree(fixtures.export(exporter));

        assertThat(course.propertyNames()).containsExactly("courseId", "status", "request", "progress", "outline",
                "cover", "lessons", "usage", "estimate", "failures", "error", "createdAt", "updatedAt", "completedAt");
        assertThat(course.get("courseId").asString()).isEqualTo(ExportFixtures.COURSE_ID);
        assertThat(course.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(course.get("request").get("language").asString()).isEqualTo("en");
        assertThat(course.get("progress").toString()).isEqualTo("{\"partsDone\":8,\"partsTotal\":8,\"percent\":100}");
        assertThat(course.get("outline").get("title").asString()).isEqualTo(ExportFixtures.TITLE);
        assertThat(course.get("lessons").valueStream().map(lesson -> lesson.get("lessonId").asString()))
                .containsExactly("lesson-01", "lesson-02", "lesson-03");
        JsonNode first = course.get("lessons").get(0);
        assertThat(first.get("status").asString()).isEqualTo("DONE");
        assertThat(first.get("markdown").asString()).contains("## Why it matters");
        assertThat(first.get("quiz").get(0).get("correctOption").asInt()).isEqualTo(1);
        assertThat(first.get("quiz").get(0).get("explanation").asString()).isEqualTo("It is a two-state system.");
        // the outline, three lessons and four pictures (two calls and one image each)
        assertThat(course.get("usage").toString())
                .isEqualTo("{\"llmCalls\":12,\"promptTokens\":800,\"completionTokens\":1080,\"images\":4}");
        assertThat(course.get("completedAt").asString()).isEqualTo(ExportFixtures.COMPLETED.toString());
    }

    @Test
    void picturesAreDescribedByObjectKeyAndChecksumNeverByAnExpiringUrl() {
        JsonNode course = json.readTree(fixtures.export(exporter));

        JsonNode cover = course.get("cover");
        assertThat(cover.propertyNames()).containsExactly("imageId", "objectKey", "contentType", "width", "height",
                "byteSize", "sha256", "visualConcept", "caption", "altText");
        byte[] png = fixtures.pictureOf("cover");
        assertThat(cover.get("objectKey").asString()).isEqualTo("images/" + ExportFixtures.sha256(png) + ".png");
        assertThat(cover.get("sha256").asString()).isEqualTo(ExportFixtures.sha256(png));
        assertThat(cover.get("byteSize").asLong()).isEqualTo(png.length);
        assertThat(cover.get("altText").asString()).isEqualTo("A cat sits in an open box");
        assertThat(course.get("lessons").get(1).get("image").get("caption").asString())
                .contains(ExportFixtures.CAPTION_SCRIPT);
        assertThat(course.toString()).doesNotContain("\"url\"", "X-Amz-");
    }

    @Test
    void isAJsonDownloadNamedAfterTheCourse() {
        assertThat(exporter.format()).isEqualTo("json");
        assertThat(exporter.contentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(exporter.fileName(ExportedCourse.of(fixtures.course).slug())).isEqualTo("quantum-computing-gently.json");
        assertThat(exporter.includesPictures()).isFalse();
    }
}
