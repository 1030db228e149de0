package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Exports pass through the gateway as storage-service answers them, binary and large ones included. */
@WithEmbeddedKafka
class CourseExportForwardingTest extends GatewayTestSupport {

    private static final String DISPOSITION = "attachment; filename=\"quantum-computing-gently-scorm12.zip\"";

    private final HttpClient http = HttpClient.newHttpClient();
    /** Downloads are bigger and slower than reads; on a busy build machine the 5 s default is too tight. */
    private WebTestClient patient;

    @BeforeEach
    void patientClient() {
        patient = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aLargeBinaryZipArrivesByteForByteWithItsTypeAndFileName() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] zip = zipOfPictures(6);
        assertThat(zip.length).as("bigger than any in-memory codec limit").isGreaterThan(6 * 1024 * 1024);
        STORAGE.answerBytes("acme", "/api/v1/courses/" + id + "/export?format=scorm12", 200, "application/zip",
                Map.of("Content-Disposition", DISPOSITION), zip);

        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(
                        verbatim("/api/v1/courses/" + id + "/export?format=scorm12"))
                .header(API_KEY, ACME_KEY).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/zip");
        assertThat(download.headers().firstValue(HttpHeaders.CONTENT_DISPOSITION)).hasValue(DISPOSITION);
        assertThat(download.body()).isEqualTo(zip);
        assertThat(unzip(download.body())).containsOnlyKeys("imsmanifest.xml", "images/1.png", "images/2.png",
                "images/3.png", "images/4.png", "images/5.png", "images/6.png");
        assertThat(STORAGE.received("/api/v1/courses/" + id + "/export?format=scorm12"))
                .containsExactly(new FakeStorage.Received("GET", "/api/v1/courses/" + id + "/export?format=scorm12",
                        "acme"));
    }

    @Test
    void anHtmlExportKeepsItsCharsetAndItsQueryIsPassedAsWritten() {
        String id = UUID.randomUUID().toString();
        String page = "<!doctype html><html lang=\"zh-TW\"><title>量子計算入門</title></html>";
        STORAGE.answerBytes("globex", "/api/v1/courses/" + id + "/export?format=HTML", 200, "text/html;charset=UTF-8",
                Map.of("Content-Disposition", "attachment; filename=\"course-1.html\""),
                page.getBytes(StandardCharsets.UTF_8));

        String body = patient.get().uri(verbatim("/api/v1/courses/" + id + "/export?format=HTML"))
                .header(API_KEY, GLOBEX_KEY).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/html;charset=UTF-8")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"course-1.html\"")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).isEqualTo(page);
    }

    @Test
    void storagesProblemsPassThroughUnchanged() {
        String id = UUID.randomUUID().toString();
        STORAGE.answer("acme", "/api/v1/courses/" + id + "/export?format=html", 409, "application/problem+json",
                "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"Course is GENERATING; exports are available once "
                        + "it is COMPLETED\"}");
        STORAGE.answer("acme", "/api/v1/courses/" + id + "/export?format=pdf", 400, "application/problem+json",
                "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"format must be one of json, markdown, html, "
                        + "scorm12\"}");

        JsonNode conflict = problem(patient.get().uri(verbatim("/api/v1/courses/" + id + "/export?format=html"))
                .header(API_KEY, ACME_KEY).exchange(), 409);
        JsonNode badFormat = problem(patient.get().uri(verbatim("/api/v1/courses/" + id + "/export?format=pdf"))
                .header(API_KEY, ACME_KEY).exchange(), 400);

        assertThat(conflict.path("detail").asString())
                .isEqualTo("Course is GENERATING; exports are available once it is COMPLETED");
        assertThat(badFormat.path("detail").asString()).isEqualTo("format must be one of json, markdown, html, scorm12");
    }

    @Test
    void anotherTenantsExportIsStorages404() {
        String id = UUID.randomUUID().toString();
        STORAGE.answerBytes("acme", "/api/v1/courses/" + id + "/export?format=json", 200, "application/json",
                Map.of("Content-Disposition", "attachment; filename=\"x.json\""), "{}".getBytes(StandardCharsets.UTF_8));

        JsonNode notFound = problem(patient.get().uri(verbatim("/api/v1/courses/" + id + "/export?format=json"))
                .header(API_KEY, GLOBEX_KEY).exchange(), 404);

        assertThat(notFound.path("detail").asString()).isEqualTo("No such course");
    }

    @Test
    void storageFailingIsARetryable503AndAnOddIdNeverLeavesTheGateway() {
        String id = UUID.randomUUID().toString();
        STORAGE.answer("acme", "/api/v1/courses/" + id + "/export?format=html", 500, "text/plain", "boom");

        problem(patient.get().uri(verbatim("/api/v1/courses/" + id + "/export?format=html")).header(API_KEY, ACME_KEY)
                .exchange()
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"), 503);
        problem(patient.get().uri(verbatim("/api/v1/courses/dot.dot/export?format=html")).header(API_KEY, ACME_KEY)
                .exchange(), 400);
        assertThat(STORAGE.received("/api/v1/courses/dot.dot/export?format=html")).isEmpty();
    }

    @Test
    void exportsNeedAnApiKey() {
        patient.get().uri("/api/v1/courses/{id}/export?format=json", UUID.randomUUID()).exchange()
                .expectStatus().isUnauthorized();
    }

    /** A zip of incompressible "pictures", one MB each, stored as SCORM packages store them. */
    private static byte[] zipOfPictures(int count) throws IOException {
        Random random = new Random(42);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("imsmanifest.xml"));
            zip.write("<manifest/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (int i = 1; i <= count; i++) {
                byte[] picture = new byte[1024 * 1024 + 17];
                random.nextBytes(picture);
                ZipEntry entry = new ZipEntry("images/" + i + ".png");
                CRC32 crc = new CRC32();
                crc.update(picture);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(picture.length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(picture);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
