package io.coursegen.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for storage-service's read API: canned answers per tenant and path, a 404 problem for
 * anything else (as storage-service answers another tenant's course), and a record of what arrived.
 */
public final class FakeStorage {

    /** @param justAccepted the gateway's {@code X-Coursegen-Just-Accepted} header was {@code true} */
    public record Received(String method, String pathAndQuery, String tenant, boolean justAccepted) {

        public Received(String method, String pathAndQuery, String tenant) {
            this(method, pathAndQuery, tenant, false);
        }
    }

    /** A request's body as it arrived, with its content type (null if none). */
    public record ReceivedBody(String pathAndQuery, String contentType, String body) {
    }

    /** @param headers sent besides Content-Type; a body with headers is sent chunked, as a streaming server does */
    private record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {

        Answer(int status, String contentType, String body) {
            this(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Answer DROP_CONNECTION = new Answer(-1, null, Map.of(), null);
    private static final Answer RESERVE_LIKE_STORAGE = new Answer(-2, null, Map.of(), null);
    private static final String RESERVATIONS = "/internal/v1/idempotency-keys";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK_BYTES = 64 * 1024;

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<ReceivedBody> bodies = new CopyOnWriteArrayList<>();
    /** Idempotency keys reserved like storage-service does: tenant and key -> the first request's body. */
    private final Map<String, JsonNode> reservedKeys = new ConcurrentHashMap<>();

    private FakeStorage(HttpServer server) {
        this.server = server;
    }

    public static FakeStorage start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeStorage fake = new FakeStorage(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "fake-storage");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(String tenant, String pathAndQuery, int status, String contentType, String body) {
        answers.put(tenant + " " + pathAndQuery, new Answer(status, contentType, body));
    }

    /** An answer for one method only (other methods get the answer without a method, or the 404). */
    public void answer(String method, String tenant, String pathAndQuery, int status, String contentType, String body) {
        answers.put(method + " " + tenant + " " + pathAndQuery, new Answer(status, contentType, body));
    }

    /** Bytes as they are (e.g. a zip), with extra headers, written in chunks with a flush after each. */
    public void answerBytes(String tenant, String pathAndQuery, int status, String contentType,
            Map<String, String> headers, byte[] body) {
        answers.put(tenant + " " + pathAndQuery, new Answer(status, contentType, headers, body));
    }

    public void course(String tenant, String courseId, String json) {
        answer(tenant, "/api/v1/courses/" + courseId, 200, "application/json", json);
    }

    /**
     * Answers this tenant's idempotency key reservations as storage-service does: a new key reserves the course
     * sent, the same key and request digest again replay it (QUEUED), the same key with another digest is a
     * mismatch. Replaces a canned answer for the reservations, as a later canned answer replaces this.
     */
    public void reserveKeysLikeStorage(String tenant) {
        answers.put("POST " + tenant + " " + RESERVATIONS, RESERVE_LIKE_STORAGE);
    }

    public void dropConnection(String tenant, String pathAndQuery) {
        answers.put(tenant + " " + pathAndQuery, DROP_CONNECTION);
    }

    public List<Received> received(String pathAndQuery) {
        return received.stream().filter(r -> r.pathAndQuery().equals(pathAndQuery)).toList();
    }

    public List<ReceivedBody> bodies(String pathAndQuery) {
        return bodies.stream().filter(b -> b.pathAndQuery().equals(pathAndQuery)).toList();
    }

    private Answer reservation(String tenant, JsonNode request) {
        JsonNode first = reservedKeys.putIfAbsent(tenant + " " + request.path("key").asString(), request);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (first == null) {
            answer.put("outcome", "RESERVED");
        } else {
            answer.put("outcome", first.path("requestHash").equals(request.path("requestHash")) ? "REPLAYED" : "MISMATCH");
        }
        answer.put("course", (first == null ? request : first).path("course"));
        answer.put("status", "QUEUED");
        return new Answer(200, "application/json", JSON.writeValueAsString(answer));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        String tenant = exchange.getRequestHeaders().getFirst("X-Coursegen-Tenant");
        received.add(new Received(exchange.getRequestMethod(), pathAndQuery, tenant,
                "true".equals(exchange.getRequestHeaders().getFirst("X-Coursegen-Just-Accepted"))));
        String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(new ReceivedBody(pathAndQuery, exchange.getRequestHeaders().getFirst("Content-Type"), requestBody));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + tenant + " " + pathAndQuery,
                answers.getOrDefault(tenant + " " + pathAndQuery, new Answer(404, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No such course\"}")));
        if (answer == DROP_CONNECTION) {
            exchange.close();
            return;
        }
        if (answer == RESERVE_LIKE_STORAGE) {
            answer = reservation(tenant, JSON.readTree(requestBody));
        }
        byte[] body = answer.body();
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean chunked = !answer.headers().isEmpty();
        exchange.sendResponseHeaders(answer.status(), chunked ? 0 : body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            for (int offset = 0; offset < body.length; offset += CHUNK_BYTES) {
                out.write(body, offset, Math.min(CHUNK_BYTES, body.length - offset));
                out.flush();
            }
        }
    }
}
