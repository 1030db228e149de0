package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class IdempotencyKeyTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final CourseSpec spec = new CourseSpec("Kafka", "SREs", "advanced", "ja", 12, false, "watercolour");

    @Test
    void aRequestWithoutReviewHashesAsItDidBeforeReviewsExisted() throws Exception {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("topic", "Kafka");
        before.put("audience", "SREs");
        before.put("level", "advanced");
        before.put("language", "ja");
        before.put("lessonCount", 12);
        before.put("includeQuiz", false);
        before.put("imageStyle", "watercolour");
        String hashBefore = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(before)));

        assertThat(IdempotencyKey.of("key-1", spec, json).requestHash()).isEqualTo(hashBefore);
    }

    @Test
    void askingForOutlineReviewIsADifferentRequest() {
        CourseSpec reviewed = new CourseSpec(spec.topic(), spec.audience(), spec.level(), spec.language(),
                spec.lessonCount(), spec.includeQuiz(), spec.imageStyle(), CourseSpec.OUTLINE_REVIEW);

        assertThat(IdempotencyKey.of("key-1", reviewed, json).requestHash())
                .isNotEqualTo(IdempotencyKey.of("key-1", spec, json).requestHash());
    }
}
