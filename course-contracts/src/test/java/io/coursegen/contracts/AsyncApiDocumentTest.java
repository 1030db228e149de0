package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code asyncapi.yaml} is a valid AsyncAPI 3.0 document (checked against the official JSON Schema of the
 * format, vendored in test resources) and agrees with the code: every topic has its channel, every
 * message its schema and CloudEvents type, and exactly the public topics ({@code course.requests},
 * {@code course.status} and each tenant's own {@code course.requests.<tenantId>} and {@code course.status.<tenantId>})
 * are tagged public.
 */
class AsyncApiDocumentTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNode DOCUMENT = read("/asyncapi.yaml");
    private static final Schema ASYNCAPI_3_0_0 = asyncApiSchema();

    @Test
    void isAValidAsyncApi300Document() {
        assertThat(DOCUMENT.path("asyncapi").asString()).isEqualTo("3.0.0");

        List<Error> errors = ASYNCAPI_3_0_0.validate(DOCUMENT);

        assertThat(errors).isEmpty();
    }

    @Test
    void theValidationCatchesAnInvalidDocument() {
        ObjectNode broken = (ObjectNode) DOCUMENT.deepCopy();
        ((ObjectNode) broken.path("channels").path("courseStatus")).put("topic", "not an AsyncAPI field");
        ((ObjectNode) broken.path("operations").path("publishCourseStatus")).put("action", "publish");

        assertThat(ASYNCAPI_3_0_0.validate(broken)).isNotEmpty();
    }

    @Test
    void everyTopicHasAChannelCarryingItsEventTypesMessage() {
        Map<String, JsonNode> channelsByAddress = channels().stream()
                .collect(Collectors.toMap(channel -> channel.path("address").asString(), channel -> channel));

        assertThat(channelsByAddress).containsKeys(Topics.ALL.toArray(String[]::new));
        for (EventTypes.EventType event : EventTypes.ALL) {
            JsonNode messages = channelsByAddress.get(event.topic()).path("messages");
            List<String> payloads = EventTypes.ALL.stream().filter(other -> other.topic().equals(event.topic()))
                    .map(other -> other.payload().getSimpleName()).toList();
            assertThat(messages.propertyNames()).as(event.topic()).containsExactlyInAnyOrderElementsOf(payloads);
            JsonNode message = resolve(messages.path(event.payload().getSimpleName()));
            assertThat(message.path("payload").path("$ref").asString()).as(event.topic()).isEqualTo(event.schemaResource());
            assertThat(message.path("headers").path("allOf").get(1).path("properties").path("ce_type").path("const").asString())
                    .as(event.topic()).isEqualTo(event.type());
            assertThat(message.path("bindings").path("kafka").path("key").path("type").asString()).as(event.topic())
                    .isEqualTo("string");
        }
    }

    @Test
    void everyPayloadReferenceResolvesToASchemaInThisModule() {
        List<String> references = new ArrayList<>();
        DOCUMENT.path("components").path("messages").forEach(message -> {
            String ref = message.path("payload").path("$ref").asString();
            if (!ref.isEmpty()) {
                references.add(ref);
            }
        });

        assertThat(references).hasSize(EventTypes.ALL.size()).allSatisfy(ref ->
                assertThat(AsyncApiDocumentTest.class.getResource("/" + ref)).as(ref).isNotNull());
    }

    @Test
    void onlyCourseRequestsAndCourseStatusArePublicAndEveryOtherChannelIsMarkedInternal() {
        for (JsonNode channel : channels()) {
            List<String> tags = new ArrayList<>();
            channel.path("tags").forEach(tag -> tags.add(resolve(tag).path("name").asString()));
            String address = channel.path("address").asString();
            String expected = Topics.COURSE_STATUS.equals(address) || Topics.COURSE_REQUESTS.equals(address)
                    || address.startsWith(Topics.TENANT_COURSE_REQUESTS_PREFIX)
                    || address.startsWith(Topics.TENANT_COURSE_STATUS_PREFIX) ? "public" : "internal";
            assertThat(tags).as(channel.path("address").asString()).containsExactly(expected);
        }
    }

    @Test
    void theDeadLetterChannelNamesEveryTopic() {
        JsonNode deadLetters = channels().stream()
                .filter(channel -> channel.path("address").asString().equals("{topic}" + Topics.DEAD_LETTER_SUFFIX))
                .findFirst().orElseThrow();
        List<String> topics = new ArrayList<>();
        deadLetters.path("parameters").path("topic").path("enum").forEach(topic -> topics.add(topic.asString()));

        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    private static List<JsonNode> channels() {
        List<JsonNode> channels = new ArrayList<>();
        DOCUMENT.path("channels").forEach(channels::add);
        return channels;
    }

    /** Follows a local {@code $ref} ({@code #/a/b}) within the document. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString();
        return ref.startsWith("#") ? DOCUMENT.at(ref.substring(1)) : node;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(resource)) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static Schema asyncApiSchema() {
        InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi/3.0.0.json");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
}
