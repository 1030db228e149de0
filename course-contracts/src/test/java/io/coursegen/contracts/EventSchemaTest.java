package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Each event record serialises to JSON its schema accepts, so a record and its schema cannot drift apart. */
class EventSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");

    static Stream<Object> sampleEvents() {
        CourseSpec spec = new CourseSpec("Quantum computing", "product managers", "beginner", "zh-TW", 2, true, "flat");
        Outline.OutlineLesson first = new Outline.OutlineLesson("lesson-01", 1, "Qubits", "What a qubit is",
                List.of("Explain a qubit"), List.of("superposition"), 12, "Foundations");
        Outline outline = new Outline("Quantum for PMs", "A short course", "product managers", List.of(),
                List.of("Describe superposition"), List.of(first));
        Usage usage = new Usage("openai", "gpt-4o-mini", 1, 120, 800, 0);
        Lesson lesson = new Lesson("Qubits", "# Qubits", List.of("A qubit can be 0 and 1"),
                List.of(new Lesson.QuizQuestion("What is a qubit?", List.of("a", "b", "c", "d"), 2, "Because")));
        return Stream.of(
                new CourseRequested("c1", "acme", spec, NOW),
                new CourseOutlined("c1", "acme", outline, usage, NOW),
                new LessonRequested("c1", "acme", "Quantum for PMs", spec, first, null, "Gates"),
                new ImageRequested("c1", "acme", ImageRequested.COVER, null, "Quantum for PMs", "Quantum for PMs",
                        "A short course", List.of("superposition"), "product managers", "zh-TW", "flat"),
                new LessonGenerated("c1", "lesson-01", lesson, usage, NOW),
                new ImageGenerated("c1", "lesson-01", "lesson-01", "images/ab.png", "image/png", 1024, 1024, 2048,
                        "a".repeat(64), "Schrödinger's cat", "The cat stands for superposition",
                        "A cat in a closed box, half visible", "a cat in a box", usage, NOW),
                new CoursePartFailed("c1", "lesson:lesson-01", "LLM answer invalid twice", NOW),
                new CourseStatusChanged("c1", "acme", CourseStatus.GENERATING, 3, 6, null, NOW),
                new CourseCancelled("c1", "acme", NOW),
                new CourseSubmission("Quantum computing", null, "Beginner", "zh-tw", 2, null, null, "req-1"),
                new CourseSubmission("Quantum computing", null, null, null, 4, null, null, "req-2", "outline"),
                new CourseApproval("c1", 2),
                new CourseApproval("c1", null),
                new CourseRejected("req-1", null, List.of("lessonCount: must be less than or equal to 30"), NOW),
                new CourseStatusChanged("c1", "acme", CourseStatus.COMPLETED, 6, 6, null, NOW,
                        new CourseStatusChanged.Summary("Quantum for PMs", "A short course", "zh-TW", 2,
                                new CourseStatusChanged.Links("/api/v1/courses/c1",
                                        Map.of("json", "/api/v1/courses/c1/export?format=json")))),
                new LessonRequested("c1", "acme", "Quantum for PMs", spec, first, null, "Gates", 2,
                        "More examples from logistics"),
                new ImageRequested("c1", "acme", "lesson-01", "lesson-01", "Quantum for PMs", "Qubits",
                        "What a qubit is", List.of("superposition"), "product managers", "zh-TW", "flat", 2,
                        "A warmer palette"),
                new LessonGenerated("c1", "lesson-01", lesson, usage, NOW, 2),
                new ImageGenerated("c1", "lesson-01", "lesson-01", "images/ab.png", "image/png", 1024, 1024, 2048,
                        "a".repeat(64), "Schrödinger's cat", "The cat stands for superposition",
                        "A cat in a closed box, half visible", "a cat in a box", usage, NOW, 2));
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void everyEventSerialisesToJsonItsSchemaAccepts(Object event) {
        JsonNode json = JSON.valueToTree(event);

        List<Error> errors = schemaOf(event.getClass()).validate(json);

        assertThat(errors).as(event.getClass().getSimpleName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void everyEventRoundTripsThroughJsonUnchanged(Object event) {
        String json = JSON.writeValueAsString(event);

        assertThat(JSON.readValue(json, event.getClass())).isEqualTo(event);
    }

    @Test
    void schemaRejectsAnEventMissingARequiredField() {
        ObjectNode json = JSON.valueToTree(new CoursePartFailed("c1", "outline", "timeout", NOW));
        json.remove("reason");

        assertThat(schemaOf(CoursePartFailed.class).validate(json))
                .extracting(Error::getMessage).anySatisfy(m -> assertThat(m).contains("reason"));
    }

    @Test
    void schemaRejectsAFieldTheRecordDoesNotHave() {
        ObjectNode json = JSON.valueToTree(new CoursePartFailed("c1", "outline", "timeout", NOW));
        json.put("severity", "high");

        assertThat(schemaOf(CoursePartFailed.class).validate(json)).isNotEmpty();
    }

    @Test
    void aLessonWrittenBeforeOutlinesHadModulesIsStillValidAndReadsWithoutAModule() {
        Outline.OutlineLesson lesson = new Outline.OutlineLesson("lesson-01", 1, "Qubits", "What a qubit is",
                List.of("Explain a qubit"), List.of("superposition"), 12);
        CourseSpec spec = new CourseSpec("Quantum computing", "product managers", "beginner", "en", 1, true, "flat");
        ObjectNode json = JSON.valueToTree(new LessonRequested("c1", "acme", "Quantum for PMs", spec, lesson, null, null));
        ((ObjectNode) json.path("lesson")).remove("module");

        assertThat(schemaOf(LessonRequested.class).validate(json)).isEmpty();
        assertThat(JSON.treeToValue(json, LessonRequested.class).lesson()).isEqualTo(lesson);
        assertThat(lesson.module()).isNull();
    }

    @Test
    void schemaRejectsABlankModule() {
        ObjectNode json = JSON.valueToTree(sampleEvents().filter(CourseOutlined.class::isInstance).findFirst().orElseThrow());
        ((ObjectNode) json.path("outline").path("lessons").get(0)).put("module", "");

        assertThat(schemaOf(CourseOutlined.class).validate(json)).isNotEmpty();
    }

    @Test
    void everyEventTypeHasASampleEventWithASchema() {
        assertThat(sampleEvents().map(e -> e.getClass().getSimpleName()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream().map(e -> e.payload().getSimpleName()).distinct().toList());
    }

    private static Schema schemaOf(Class<?> type) {
        InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + type.getSimpleName() + ".schema.json");
        assertThat(in).as("schema for " + type.getSimpleName()).isNotNull();
        return SCHEMAS.getSchema(in);
    }
}
