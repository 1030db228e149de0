package io.coursegen.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.EventTypes;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

@WithEmbeddedKafka
class ContractDocumentsTest extends GatewayTestSupport {

    @Test
    void theAsyncApiDocumentIsServedAsYamlWithoutAKey() throws IOException {
        EntityExchangeResult<byte[]> result = client.get().uri("/asyncapi.yaml").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();

        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("application/yaml"));
        assertThat(result.getResponseBody()).isEqualTo(classpath("/asyncapi.yaml"));
        assertThat(new String(result.getResponseBody(), StandardCharsets.UTF_8)).startsWith("asyncapi: 3.0.0");
    }

    @Test
    void everyEventSchemaIsServedAsSchemaJsonWithoutAKey() throws IOException {
        for (EventTypes.EventType event : EventTypes.ALL) {
            String fileName = event.payload().getSimpleName() + ".schema.json";

            EntityExchangeResult<byte[]> result = client.get().uri("/schemas/" + fileName).exchange()
                    .expectStatus().isOk()
                    .expectBody().returnResult();

            assertThat(result.getResponseHeaders().getContentType()).as(fileName)
                    .isEqualTo(MediaType.parseMediaType("application/schema+json"));
            assertThat(result.getResponseBody()).as(fileName).isEqualTo(classpath("/" + event.schemaResource()));
            JsonNode schema = json.readTree(result.getResponseBody());
            assertThat(schema.path("title").asString()).isEqualTo(event.payload().getSimpleName());
        }
    }

    @Test
    void everySchemaTheServedDocumentRefersToCanBeFetchedRelativeToIt() {
        String document = client.get().uri("/asyncapi.yaml").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher references = Pattern.compile("\\$ref: '(schemas/[^']+)'").matcher(document);

        List<String> paths = references.results().map(match -> "/" + match.group(1)).distinct().toList();

        // one schema per payload record (course.admitted carries a CourseRequested too)
        assertThat(paths).hasSize((int) EventTypes.ALL.stream().map(EventTypes.EventType::schemaResource).distinct().count());
        paths.forEach(path -> client.get().uri(path).exchange().expectStatus().isOk());
    }

    @Test
    void anUnknownSchemaIsA404Problem() {
        JsonNode problem = problem(client.get().uri("/schemas/CourseExploded.schema.json").exchange(), 404);

        assertThat(problem.path("detail").asString()).contains("CourseOutlined.schema.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/schemas/..%2Fgateway-service.yml", "/schemas/%2E%2E%2F%2E%2E%2Fasyncapi.yaml",
            "/schemas/..%5Cgateway-service.yml", "/schemas/schemas%2FCourseOutlined.schema.json",
            "/schemas/..%2Fio%2Fcoursegen%2Fcontracts%2FTopics.class"})
    void noPathReachesAnythingButTheSchemaFiles(String path) {
        EntityExchangeResult<byte[]> result = client.get().uri(verbatim(path)).exchange().expectBody().returnResult();

        problem(result, 404);
        assertThat(new String(result.getResponseBody(), StandardCharsets.UTF_8)).doesNotContain("api-keys", "coursegen:");
    }

    private static byte[] classpath(String resource) throws IOException {
        try (InputStream in = ContractDocumentsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
