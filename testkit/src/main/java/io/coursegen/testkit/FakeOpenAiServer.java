package io.coursegen.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server speaking the OpenAI HTTP protocol ({@code POST /v1/chat/completions} and
 * {@code POST /v1/images/generations}) for tests. It records every request it receives, answers chat
 * requests with JSON that a test-supplied function writes for the requested response schema, answers
 * image requests with a real PNG as {@code b64_json}, and can be told to fail the next calls (429 with
 * {@code Retry-After}, 5xx, malformed JSON) to test how services cope.
 *
 * <p>It also answers {@code POST /v1/moderations} (OpenAI's shape: {@code results[].flagged}, {@code categories},
 * {@code category_scores}, one result per input): nothing is flagged unless a test says so ({@link #flagModeration}).
 * Moderation requests are kept apart ({@link #moderations()}, {@link #failNextModerations}): {@link #received()},
 * {@link #answered()} and {@link #failNext} are the generation calls a test counts, and a gateway's moderation of each
 * request neither adds to them nor takes a failure scripted for a chat call.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /** One request as received, and when. */
    public record Received(String path, String authorization, JsonNode body, Instant at) {

        /** The {@code response_format.json_schema.name} of a chat request, or null. */
        public String schemaName() {
            JsonNode name = body.path("response_format").path("json_schema").path("name");
            return name.isMissingNode() ? null : name.asString();
        }

        /** All message contents of a chat request, joined. */
        public String prompt() {
            StringBuilder text = new StringBuilder();
            body.path("messages").forEach(m -> text.append(m.path("content").asString()).append('\n'));
            return text.toString();
        }

        /** The roles of a chat request's messages, in order. */
        public List<String> roles() {
            return body.path("messages").valueStream().map(m -> m.path("role").asString()).toList();
        }

        /** A repair call carries the model's previous answer as an assistant message. */
        public boolean isRepair() {
            return roles().contains("assistant");
        }

        /** The content of the first message with this role. */
        public String message(String role) {
            return body.path("messages").valueStream()
                    .filter(m -> m.path("role").asString().equals(role))
                    .map(m -> m.path("content").asString())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + role + " message in " + body));
        }

        /** The text between {@code <tag>} and the last {@code </tag>} of the user message. */
        public String userInside(String tag) {
            String user = message("user");
            int start = user.indexOf("<" + tag + ">");
            int end = user.lastIndexOf("</" + tag + ">");
            if (start < 0 || end < start) {
                throw new AssertionError("no <" + tag + "> block in " + user);
            }
            return user.substring(start + tag.length() + 2, end);
        }

        /** The user message without the text inside {@code <tag>}: our own instructions. */
        public String userOutside(String tag) {
            return message("user").replace(userInside(tag), "");
        }
    }

    /** A request and the status it was answered with. */
    public record Answered(Received request, int status) {
    }

    /** A canned HTTP answer that takes precedence over the normal one. */
    public record Scripted(int status, Map<String, String> headers, String body) {

        public static Scripted rateLimited(int retryAfterSeconds) {
            return new Scripted(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)),
                    "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
        }

        public static Scripted serverError() {
            return new Scripted(500, Map.of(), "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final String apiKey;
    private final Function<Received, String> chatAnswers;
    private final byte[] png;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Scripted> scripted = new ArrayDeque<>();
    private final List<Answered> answered = new CopyOnWriteArrayList<>();
    private Instant refusingUntil = Instant.MIN;
    private Scripted refusal;
    private int delayedCalls;
    private Duration delay = Duration.ZERO;
    private final List<Received> moderations = new CopyOnWriteArrayList<>();
    private final Deque<Scripted> scriptedModerations = new ArrayDeque<>();
    private final Map<String, List<String>> flaggedWords = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param apiKey      the key requests must carry as {@code Authorization: Bearer <key>}; others get 401
     * @param chatAnswers writes the assistant message content (JSON) for a chat request
     * @param png         the picture image requests get
     */
    public FakeOpenAiServer(String apiKey, Function<Received, String> chatAnswers, byte[] png) {
        this.apiKey = apiKey;
        this.chatAnswers = chatAnswers;
        this.png = png.clone();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // delayed answers hold their thread, so threads are not pooled to a fixed few
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/images/generations", this::images);
        server.createContext("/v1/moderations", this::moderations);
        server.start();
    }

    /** The base URL to configure clients with; it ends in {@code /v1} as LangChain4j expects. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The chat and image requests (moderation requests are in {@link #moderations()}). */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every moderation request, answered or not; its {@code input} is {@link #moderatedTexts}. */
    public List<Received> moderations() {
        return List.copyOf(moderations);
    }

    /** The texts of one moderation request's {@code input} (a string or an array of strings). */
    public static List<String> moderatedTexts(Received moderation) {
        JsonNode input = moderation.body().path("input");
        return input.isArray() ? input.valueStream().map(JsonNode::asString).toList() : List.of(input.asString());
    }

    /**
     * From now on, a moderated text containing {@code word} (any case) is flagged for these categories (OpenAI's
     * names, e.g. {@code violence}, {@code self-harm/intent}); other texts pass. Until {@link #reset()}.
     */
    public void flagModeration(String word, String... categories) {
        flaggedWords.put(word.toLowerCase(java.util.Locale.ROOT), List.of(categories));
    }

    /** The next moderation requests, in order, get these answers (say {@link Scripted#serverError()}). */
    public synchronized void failNextModerations(Scripted... answers) {
        scriptedModerations.addAll(List.of(answers));
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Every request with the status it got, in the order they were answered. */
    public List<Answered> answered() {
        return List.copyOf(answered);
    }

    /** Every call arriving within {@code window} from now gets this answer (after any {@link #failNext} ones). */
    public synchronized void refuseFor(Duration window, Scripted answer) {
        refusingUntil = Instant.now().plus(window);
        refusal = answer;
    }

    /** The next {@code calls} calls are answered normally, but only after {@code delay} (a client may time out). */
    public synchronized void delayNext(int calls, Duration delay) {
        this.delayedCalls = calls;
        this.delay = delay;
    }

    /** The next calls, in order, get these answers instead of the normal ones. */
    public synchronized void failNext(Scripted... answers) {
        scripted.addAll(List.of(answers));
    }

    public void reset() {
        received.clear();
        answered.clear();
        moderations.clear();
        flaggedWords.clear();
        synchronized (this) {
            scripted.clear();
            scriptedModerations.clear();
            refusingUntil = Instant.MIN;
            delayedCalls = 0;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void chat(HttpExchange exchange) throws IOException {
        Received request = receive(exchange);
        if (request == null) {
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", "chatcmpl-" + received.size());
        answer.put("object", "chat.completion");
        answer.put("created", System.currentTimeMillis() / 1000);
        answer.put("model", request.body().path("model").asString());
        ObjectNode choice = answer.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", chatAnswers.apply(request));
        ObjectNode usage = answer.putObject("usage");
        int promptTokens = Math.max(1, request.prompt().length() / 4);
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", 100);
        usage.put("total_tokens", promptTokens + 100);
        respond(exchange, 200, Map.of(), JSON.writeValueAsString(answer));
    }

    private void images(HttpExchange exchange) throws IOException {
        Received request = receive(exchange);
        if (request == null) {
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("created", System.currentTimeMillis() / 1000);
        answer.putArray("data").addObject().put("b64_json", Base64.getEncoder().encodeToString(png));
        respond(exchange, 200, Map.of(), JSON.writeValueAsString(answer));
    }

    private void moderations(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Received request = new Received(exchange.getRequestURI().getPath(), auth, body, Instant.now());
        moderations.add(request);
        if (!("Bearer " + apiKey).equals(auth)) {
            respond(exchange, 401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}");
            return;
        }
        Scripted next;
        synchronized (this) {
            next = scriptedModerations.poll();
        }
        if (next != null) {
            respond(exchange, next.status(), next.headers(), next.body());
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", "modr-" + moderations.size());
        answer.put("model", body.path("model").asString());
        var results = answer.putArray("results");
        for (String text : moderatedTexts(request)) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            java.util.Set<String> flagged = new java.util.TreeSet<>();
            flaggedWords.forEach((word, categories) -> {
                if (lower.contains(word)) {
                    flagged.addAll(categories);
                }
            });
            ObjectNode result = results.addObject();
            result.put("flagged", !flagged.isEmpty());
            ObjectNode categories = result.putObject("categories");
            ObjectNode scores = result.putObject("category_scores");
            for (String category : List.of("harassment", "hate", "illicit", "self-harm", "sexual", "violence")) {
                categories.put(category, flagged.contains(category));
                scores.put(category, flagged.contains(category) ? 0.97 : 0.0001);
            }
            flagged.forEach(category -> {
                categories.put(category, true);
                scores.put(category, 0.97);
            });
        }
        respond(exchange, 200, Map.of(), JSON.writeValueAsString(answer));
    }

    /** Records the request; answers it (and returns null) when it is unauthorised or scripted to fail. */
    private Received receive(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Received request = new Received(exchange.getRequestURI().getPath(), auth, body, Instant.now());
        received.add(request);
        if (!("Bearer " + apiKey).equals(auth)) {
            answered.add(new Answered(request, 401));
            respond(exchange, 401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}");
            return null;
        }
        Scripted next;
        Duration wait = Duration.ZERO;
        synchronized (this) {
            next = scripted.poll();
            if (next == null && request.at().isBefore(refusingUntil)) {
                next = refusal;
            }
            if (next == null && delayedCalls > 0) {
                delayedCalls--;
                wait = delay;
            }
        }
        if (next != null) {
            answered.add(new Answered(request, next.status()));
            respond(exchange, next.status(), next.headers(), next.body());
            return null;
        }
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answered.add(new Answered(request, 200));
        return request;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
