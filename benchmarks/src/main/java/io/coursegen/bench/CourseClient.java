package io.coursegen.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST calls a client of the gateway makes: submit a course, follow its progress stream, read it. */
final class CourseClient {

    private final HttpClient http;
    private final String gatewayUrl;
    private final String apiKey;
    private final JsonMapper json = JsonMapper.builder().build();

    CourseClient(HttpClient http, String gatewayUrl, String apiKey) {
        this.http = http;
        this.gatewayUrl = gatewayUrl;
        this.apiKey = apiKey;
    }

    static String body(String topic, int lessons) {
        return "{\"topic\":\"" + topic + "\",\"lessonCount\":" + lessons
                + ",\"audience\":\"benchmark readers\",\"language\":\"en\"}";
    }

    HttpRequest submitRequest(URI coursesUrl, String body) {
        return HttpRequest.newBuilder(coursesUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    URI coursesUrl() {
        return URI.create(gatewayUrl + "/api/v1/courses");
    }

    /** The new course's id; throws unless the gateway answered 202. */
    CompletableFuture<String> submit(String topic, int lessons) {
        return http.sendAsync(submitRequest(coursesUrl(), body(topic, lessons)), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("Submit answered " + response.statusCode() + ": " + response.body());
                    }
                    return json.readTree(response.body()).path("courseId").asString();
                });
    }

    /** Reads the server-sent progress events until the stream ends (after a final status); returns the last status. */
    String followUntilFinal(String courseId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/courses/" + courseId + "/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream")
                .header("X-API-Key", apiKey)
                .GET().build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Progress stream answered " + response.statusCode());
        }
        String status = "NONE";
        try (Stream<String> lines = response.body()) {
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.startsWith("data:")) {
                    status = json.readTree(line.substring(5)).path("status").asString();
                }
            }
        }
        return status;
    }

    JsonNode course(String courseId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/courses/" + courseId))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", apiKey)
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Reading course " + courseId + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    /** Cancels a running course (DELETE answers 202) or deletes a final one; throws on any other answer. */
    void cancel(String courseId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/courses/" + courseId))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", apiKey)
                .DELETE().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202 && response.statusCode() != 204) {
            throw new IllegalStateException("Cancelling course " + courseId + " answered " + response.statusCode());
        }
    }

    /** Usage as the course reports it: llmCalls, promptTokens, completionTokens, images. */
    Map<String, Long> usage(JsonNode course) {
        JsonNode usage = course.path("usage");
        return Map.of("llmCalls", usage.path("llmCalls").asLong(), "promptTokens", usage.path("promptTokens").asLong(),
                "completionTokens", usage.path("completionTokens").asLong(), "images", usage.path("images").asLong());
    }
}
