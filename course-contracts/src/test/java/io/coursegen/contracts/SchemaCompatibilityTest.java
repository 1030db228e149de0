package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Within {@code v1} an event schema changes only additively and optionally: each current schema is
 * compared with its snapshot in {@code released-schemas/v1}, and a removed property, a newly required
 * property or a changed type fails the build.
 */
class SchemaCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RELEASED = "/released-schemas/v1/";

    static Stream<String> releasedSchemas() throws IOException, URISyntaxException {
        Path folder = Path.of(SchemaCompatibilityTest.class.getResource(RELEASED).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void everyEventTypeHasAReleasedSnapshot() throws Exception {
        assertThat(releasedSchemas().toList()).containsAll(
                EventTypes.ALL.stream().map(event -> event.payload().getSimpleName() + ".schema.json").toList());
    }

    @ParameterizedTest
    @MethodSource("releasedSchemas")
    void currentSchemaIsCompatibleWithItsReleasedSnapshot(String name) {
        JsonNode current = read("/schemas/" + name);

        assertThat(current).as("%s was released and must still exist", name).isNotNull();
        assertThat(SchemaCompatibility.breakingChanges(read(RELEASED + name), current)).as(name).isEmpty();
    }

    @Test
    void aRemovedPropertyIsBreaking() {
        ObjectNode changed = released("CourseStatusChanged");
        ((ObjectNode) changed.get("properties")).remove("error");
        removeRequired(changed, "error");

        assertThat(SchemaCompatibility.breakingChanges(released("CourseStatusChanged"), changed))
                .containsExactly("removed property /error");
    }

    @Test
    void aPropertyRemovedDeepInsideADefinitionIsBreaking() {
        ObjectNode changed = released("CourseOutlined");
        ObjectNode lesson = (ObjectNode) changed.get("$defs").get("outlineLesson");
        ((ObjectNode) lesson.get("properties")).remove("module");

        assertThat(SchemaCompatibility.breakingChanges(released("CourseOutlined"), changed))
                .containsExactly("removed property $defs/outlineLesson/module");
    }

    @Test
    void aNewlyRequiredPropertyIsBreakingEvenWhenTheRecordAlwaysHasIt() {
        ObjectNode changed = released("CourseCancelled");
        ((ObjectNode) changed.get("properties")).putObject("reason").put("type", "string");
        ((ArrayNode) changed.get("required")).add("reason");

        assertThat(SchemaCompatibility.breakingChanges(released("CourseCancelled"), changed))
                .containsExactly("newly required property /reason");
    }

    @Test
    void aChangedTypeIsBreaking() {
        ObjectNode changed = released("CourseStatusChanged");
        ((ObjectNode) changed.get("properties").get("partsDone")).put("type", "string");

        assertThat(SchemaCompatibility.breakingChanges(released("CourseStatusChanged"), changed))
                .containsExactly("changed type at /partsDone: [integer] -> [string]");
    }

    @Test
    void makingAPropertyNullableChangesItsType() {
        ObjectNode changed = released("CoursePartFailed");
        ((ObjectNode) changed.get("properties").get("reason")).putArray("type").add("string").add("null");

        assertThat(SchemaCompatibility.breakingChanges(released("CoursePartFailed"), changed))
                .singleElement().asString().startsWith("changed type at /reason");
    }

    @Test
    void aNewOptionalPropertyIsCompatibleAtTheTopAndDeepInside() {
        ObjectNode status = released("CourseStatusChanged");
        ((ObjectNode) status.get("properties")).putObject("completedAt").putArray("type").add("string").add("null");
        ObjectNode outlined = released("CourseOutlined");
        ObjectNode lesson = (ObjectNode) outlined.get("$defs").get("outlineLesson");
        ((ObjectNode) lesson.get("properties")).putObject("difficulty").put("type", "string");

        assertThat(SchemaCompatibility.breakingChanges(released("CourseStatusChanged"), status)).isEmpty();
        assertThat(SchemaCompatibility.breakingChanges(released("CourseOutlined"), outlined)).isEmpty();
    }

    private static ObjectNode released(String record) {
        return (ObjectNode) read(RELEASED + record + ".schema.json");
    }

    private static void removeRequired(ObjectNode schema, String property) {
        ArrayNode required = (ArrayNode) schema.get("required");
        List<String> kept = required.valueStream().map(JsonNode::asString).filter(name -> !name.equals(property)).toList();
        required.removeAll();
        kept.forEach(required::add);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(resource)) {
            return in == null ? null : JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
