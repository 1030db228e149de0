package io.coursegen.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.GatewayProof;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.contracts.OutlineRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for storage-service. New courses ({@code POST /internal/v1/courses}) are answered for every tenant as
 * storage-service answers them (see {@link #NEW_COURSES}); anything else gets a canned answer per tenant and path,
 * or a 404 problem (as storage-service answers another tenant's course). Tenant administration
 * ({@code /internal/admin/v1/...}, see {@link #ADMIN}) and tenants' slots ({@link #SLOTS}) are answered from memory as
 * storage-service answers them. It keeps a record of what arrived and of the courses it created.
 */
public final class FakeStorage {

    /** The secret the gateway under test shares with this storage (coursegen.internal.secret). */
    public static final String SECRET = "fake-storage-internal-secret-0123456789";
    private static final GatewayProof PROOFS = new GatewayProof(SECRET);

    /**
     * Where the gateway hands over every new course. Answered like storage-service: a course without an idempotency
     * key, or under a key new to its tenant, is created ({@code CREATED}, status QUEUED); the same tenant, key and
     * request hash again is {@code REPLAYED} with the first course (status QUEUED); the same key with another hash is
     * a {@code MISMATCH} naming the first course. A course without its id, spec or request time, or whose tenant is
     * not the {@code X-Coursegen-Tenant} it came with, or a key without a hash, is a 400, as storage-service refuses
     * them. A canned {@link #answer(String, String, String, int, String, String) answer} for a tenant overrides this.
     */
    public static final String NEW_COURSES = "/internal/v1/courses";
    public static final String COURSES = "/api/v1/courses";

    /**
     * Tenant administration, only for the admin pseudo-tenant (anyone else: 401, as storage's proof filter answers):
     * tenants with their limits (overrides kept as sent; a negative one is a 422 {@code invalid-limits}) and keys by
     * hash ({@code GET keys/{hash}}: 200 with the tenant, 404 when unknown or revoked), created, listed and revoked as
     * storage-service does. A canned answer for {@code _admin} and a path overrides this (e.g. a dropped connection).
     */
    public static final String ADMIN = "/internal/admin/v1";
    private static final String ADMIN_TENANT = "_admin";

    /**
     * Tenants' slots, as storage-service's slot API keeps them: {@code POST /internal/v1/slots/progress-streams?limit=N
     * &leaseSeconds=S} takes the first of the tenant's N slots that nobody holds or whose lease has ended (201
     * {@code {id, holder, leaseSeconds}}), or answers 429; {@code PUT /internal/v1/slots/{id}?holder=&leaseSeconds=}
     * renews it for its holder (204) or answers 410; {@code DELETE /internal/v1/slots/{id}?holder=} gives it back (204,
     * also when already given back). Another kind, or bounds storage refuses, are a 400; an id that does not name the
     * caller's tenant is a 404. Leases run on the real clock.
     */
    public static final String SLOTS = "/internal/v1/slots";
    private static final String SLOT_KIND = "progress-streams";

    public record Received(String method, String pathAndQuery, String tenant) {
    }

    /** A request's body as it arrived, with its content type (null if none). */
    public record ReceivedBody(String pathAndQuery, String contentType, String body) {
    }

    /**
     * A course this stand-in created, as storage-service would have stored it as QUEUED.
     *
     * @param tenant         the {@code X-Coursegen-Tenant} it came with
     * @param course         the course as sent (a {@code CourseRequested})
     * @param idempotencyKey null for a submission without one
     * @param requestHash    null for a submission without an idempotency key
     * @param traceParent    the W3C {@code traceparent} it came with, null if none
     */
    public record Created(String tenant, JsonNode course, String idempotencyKey, String requestHash,
            String traceParent) {

        public String courseId() {
            return course.path("courseId").asString();
        }

        public String topic() {
            return course.path("spec").path("topic").asString();
        }
    }

    /** Requests held until {@link #close()}: storage-service taking its time. */
    public final class Hold implements AutoCloseable {

        private final String key;
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String key) {
            this.key = key;
        }

        /** Answers the held requests (and any later ones) as if nothing had held them. */
        @Override
        public void close() {
            holds.remove(key, this);
            released.countDown();
        }
    }

    /** @param headers sent besides Content-Type; a body with headers is sent chunked, as a streaming server does */
    private record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {

        Answer(int status, String contentType, String body) {
            this(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Answer DROP_CONNECTION = new Answer(-1, null, Map.of(), null);
    private static final Answer NOT_FOUND = new Answer(404, "application/problem+json",
            "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No such course\"}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK_BYTES = 64 * 1024;

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Queue<Answer>> onceAnswers = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<ReceivedBody> bodies = new CopyOnWriteArrayList<>();
    private final List<Created> created = new CopyOnWriteArrayList<>();
    /** Tenant administration's state: tenant -> its limit overrides (an object node, empty for none). */
    private final Map<String, tools.jackson.databind.node.ObjectNode> tenants = new ConcurrentHashMap<>();
    /** Key hash -> key ({@code tenantId}, {@code keyId}, {@code createdAt}, {@code revokedAt}). */
    private final Map<String, Map<String, Object>> keys = new ConcurrentHashMap<>();
    /** Idempotency keys claimed as storage-service claims them: tenant and key -> the first course created. */
    private final Map<String, Created> claimedKeys = new ConcurrentHashMap<>();
    /** Slots taken, by id ({@code <kind>:<tenant>:<i>}); one whose lease has ended is free to take. */
    private final Map<String, HeldSlot> slots = new HashMap<>();

    private record HeldSlot(String holder, Instant expiresAt) {
    }

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

    /** An answer for one method only (other methods get the answer without a method, or the default). */
    public void answer(String method, String tenant, String pathAndQuery, int status, String contentType, String body) {
        answers.put(method + " " + tenant + " " + pathAndQuery, new Answer(status, contentType, body));
    }

    /** An answer for the next such request only; the one after it gets what it would have got without this. */
    public void answerOnce(String method, String tenant, String pathAndQuery, int status, String contentType,
            String body) {
        onceAnswers.computeIfAbsent(method + " " + tenant + " " + pathAndQuery, key -> new ConcurrentLinkedQueue<>())
                .add(new Answer(status, contentType, body));
    }

    /** Bytes as they are (e.g. a zip), with extra headers, written in chunks with a flush after each. */
    public void answerBytes(String tenant, String pathAndQuery, int status, String contentType,
            Map<String, String> headers, byte[] body) {
        answers.put(tenant + " " + pathAndQuery, new Answer(status, contentType, headers, body));
    }

    public void course(String tenant, String courseId, String json) {
        answer(tenant, "/api/v1/courses/" + courseId, 200, "application/json", json);
    }

    public void dropConnection(String tenant, String pathAndQuery) {
        answers.put(tenant + " " + pathAndQuery, DROP_CONNECTION);
    }

    /** Drops the canned answers (one-off ones too) for this method and path, for every tenant: back to the default. */
    public void forgetAnswers(String method, String pathAndQuery) {
        answers.keySet().removeIf(key -> {
            String[] parts = key.split(" ");
            return parts[parts.length - 1].equals(pathAndQuery) && (parts.length == 2 || parts[0].equals(method));
        });
        onceAnswers.keySet().removeIf(key -> key.startsWith(method + " ") && key.endsWith(" " + pathAndQuery));
    }

    /** Holds this tenant's requests for this method and path, unanswered, until the hold is closed. */
    public Hold hold(String method, String tenant, String pathAndQuery) {
        String key = method + " " + tenant + " " + pathAndQuery;
        Hold hold = new Hold(key);
        holds.put(key, hold);
        return hold;
    }

    public List<Received> received(String pathAndQuery) {
        return received.stream().filter(r -> r.pathAndQuery().equals(pathAndQuery)).toList();
    }

    /** Requests whose path starts with this prefix, e.g. {@link #ADMIN}. */
    public List<Received> receivedUnder(String prefix) {
        return received.stream().filter(r -> r.pathAndQuery().startsWith(prefix)).toList();
    }

    public List<ReceivedBody> bodies(String pathAndQuery) {
        return bodies.stream().filter(b -> b.pathAndQuery().equals(pathAndQuery)).toList();
    }

    /** The tenant's slots of every kind that are held now (taken, neither given back nor past their lease). */
    public long slotsHeld(String tenant) {
        Instant now = Instant.now();
        synchronized (slots) {
            return slots.entrySet().stream()
                    .filter(slot -> slot.getKey().contains(":" + tenant + ":") && slot.getValue().expiresAt().isAfter(now))
                    .count();
        }
    }

    /** Every course created so far, in the order created. */
    public List<Created> created() {
        return List.copyOf(created);
    }

    // Outline review (issue 15): /api/v1/courses/{id}/outline and /approve, answered from memory

    /**
     * Outline review as storage-service answers it, per tenant and course: a course {@link #awaitingReview awaiting
     * review} has its outline at revision 1 ({@code ETag: "1"}); an edit ({@code PUT .../outline}) needs
     * {@code If-Match} with the current revision (without: 428 {@code if-match-required}; another: 412
     * {@code stale-outline}), a course that is not OUTLINE_READY is a 409 {@code not-awaiting-review}, and an edit
     * breaking {@link OutlineRules#problemsOfEdit} is a 422 {@code invalid-outline} listing each problem; an approval
     * ({@code POST .../approve}, {@code If-Match} optional) makes the course QUEUED. A course {@link #outlining} has
     * no outline yet (409 {@code not-outlined-yet}); any other course is a 404. A canned answer overrides this (e.g. a
     * 429 {@code budget-exhausted}).
     */
    private static final Pattern REVIEW = Pattern.compile(COURSES + "/([^/?]+)/(outline|approve)");

    /** A reviewed course as this stand-in holds it; {@code spec} and {@code outline} are null before it is outlined. */
    public record Reviewed(CourseSpec spec, CourseStatus status, int revision, OutlineDraft outline) {
    }

    /** Tenant and course id -> the course under review. */
    private final Map<String, Reviewed> reviews = new ConcurrentHashMap<>();

    public void awaitingReview(String tenant, String courseId, CourseSpec spec, OutlineDraft outline) {
        reviews.put(tenant + " " + courseId, new Reviewed(spec, CourseStatus.OUTLINE_READY, 1, outline));
    }

    public void outlining(String tenant, String courseId) {
        reviews.put(tenant + " " + courseId, new Reviewed(null, CourseStatus.OUTLINING, 0, null));
    }

    /** The course as held now; null for one never put here. */
    public Reviewed reviewed(String tenant, String courseId) {
        return reviews.get(tenant + " " + courseId);
    }

    private Answer review(String method, String tenant, String courseId, String step, String ifMatch,
            String requestBody) {
        String key = tenant + " " + courseId;
        boolean read = "GET".equals(method) && step.equals("outline");
        boolean edit = "PUT".equals(method) && step.equals("outline");
        if (!read && !edit && !("POST".equals(method) && step.equals("approve"))) {
            return reviewProblem(405, "about:blank", "Method Not Allowed", method + " is not supported", Map.of());
        }
        synchronized (reviews) {
            Reviewed course = reviews.get(key);
            if (course == null) {
                return NOT_FOUND;
            }
            if (read) {
                return course.outline() == null ? reviewProblem(409, "not-outlined-yet", "Not outlined yet",
                        "Course is " + course.status() + "; its outline is not written yet", Map.of())
                        : reviewAnswer(200, courseId, course, true);
            }
            if (edit && ifMatch == null) {
                return reviewProblem(428, "if-match-required", "If-Match required",
                        "Send If-Match with the ETag of the outline you edited", Map.of());
            }
            OutlineDraft draft = edit ? draftOrNull(requestBody) : null;
            if (edit && draft == null) {
                return badRequest("Malformed JSON request body");
            }
            if (course.status() != CourseStatus.OUTLINE_READY) {
                return reviewProblem(409, "not-awaiting-review", "Not awaiting review",
                        "Course is " + course.status() + "; only an OUTLINE_READY course's outline can change", Map.of());
            }
            if (ifMatch != null && !ifMatch.equals("\"" + course.revision() + "\"")) {
                return reviewProblem(412, "stale-outline", "Stale outline",
                        "The outline is at revision " + course.revision() + "; read it again", Map.of());
            }
            if (!edit) {
                Reviewed approved = new Reviewed(course.spec(), CourseStatus.QUEUED, course.revision(), course.outline());
                reviews.put(key, approved);
                return reviewAnswer(202, courseId, approved, false);
            }
            List<String> problems = OutlineRules.problemsOfEdit(course.spec(), draft);
            if (!problems.isEmpty()) {
                return reviewProblem(422, "invalid-outline", "Invalid outline", String.join("; ", problems),
                        Map.of("errors", problems.stream().map(problem -> Map.of("field", "outline", "message", problem))
                                .toList()));
            }
            Reviewed edited = new Reviewed(course.spec(), course.status(), course.revision() + 1, draft);
            reviews.put(key, edited);
            return reviewAnswer(200, courseId, edited, true);
        }
    }

    /** null for a body that is not an outline as JSON (storage's codec refuses it with a 400). */
    private static OutlineDraft draftOrNull(String body) {
        try {
            return JSON.readValue(body, OutlineDraft.class);
        } catch (JacksonException malformed) {
            return null;
        }
    }

    private static Answer reviewAnswer(int status, String courseId, Reviewed course, boolean withOutline) {
        Map<String, Object> estimate = new LinkedHashMap<>();
        estimate.put("costUsd", 0.42);
        estimate.put("completesAt", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("courseId", courseId);
        body.put("status", course.status().name());
        body.put("revision", course.revision());
        if (withOutline) {
            body.put("outline", course.outline());
        }
        body.put("estimate", estimate);
        return new Answer(status, "application/json", Map.of("ETag", "\"" + course.revision() + "\""),
                JSON.writeValueAsBytes(body));
    }

    private static Answer reviewProblem(int status, String type, String title, String detail,
            Map<String, Object> more) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.startsWith("about:") ? type : "https://coursegen.io/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.putAll(more);
        return new Answer(status, "application/problem+json", JSON.writeValueAsString(problem));
    }

    private Answer newCourse(String tenant, String traceParent, String requestBody) {
        JsonNode request = JSON.readTree(requestBody);
        JsonNode course = request.path("course");
        String key = text(request.path("idempotencyKey"));
        String hash = text(request.path("requestHash"));
        if (tenant == null || tenant.isBlank() || absent(course.path("courseId")) || absent(course.path("spec"))
                || absent(course.path("requestedAt")) || !tenant.equals(text(course.path("tenantId")))) {
            return badRequest("A new course needs its id, the caller's tenant, its spec and the time it was requested");
        }
        if (key != null && (key.isBlank() || hash == null)) {
            return badRequest("An idempotency key needs the request's hash");
        }
        Created offered = new Created(tenant, course, key, hash, traceParent);
        if (key == null) {
            created.add(offered);
            return acceptance("CREATED", course, "QUEUED");
        }
        synchronized (claimedKeys) {
            Created first = claimedKeys.putIfAbsent(tenant + " " + key, offered);
            if (first == null) {
                created.add(offered);
                return acceptance("CREATED", course, "QUEUED");
            }
            return first.requestHash().equals(hash) ? acceptance("REPLAYED", first.course(), "QUEUED")
                    : acceptance("MISMATCH", first.course(), null);
        }
    }

    private Answer admin(String method, String tenant, String path, String requestBody) {
        if (!ADMIN_TENANT.equals(tenant)) {
            return adminProblem(401, "gateway-proof", "Unauthorized", "not the admin");
        }
        String[] parts = path.substring(1).split("/");
        synchronized (tenants) {
            if (parts[0].equals("keys") && parts.length == 2 && "GET".equals(method)) {
                Map<String, Object> key = keys.get(parts[1]);
                return key == null || key.get("revokedAt") != null
                        ? adminProblem(404, "unknown-key", "Unknown key", "No such key")
                        : json(200, Map.of("tenantId", key.get("tenantId"), "keyId", key.get("keyId")));
            }
            if (!parts[0].equals("tenants")) {
                return NOT_FOUND;
            }
            if (parts.length == 1 && "POST".equals(method)) {
                JsonNode request = JSON.readTree(requestBody);
                String id = request.path("tenantId").asString();
                if (tenants.containsKey(id)) {
                    return adminProblem(409, "tenant-exists", "Tenant exists", "Tenant " + id + " exists already");
                }
                tenants.put(id, JSON.createObjectNode());
                return json(201, newKey(id, request.path("keyHash").asString()));
            }
            String id = parts[1];
            if (parts.length == 2 && "PUT".equals(method)) {
                tenants.putIfAbsent(id, JSON.createObjectNode());
                return new Answer(204, "application/json", "");
            }
            if (!tenants.containsKey(id)) {
                return adminProblem(404, "unknown-tenant", "Unknown tenant", "No tenant " + id);
            }
            if (parts.length == 3 && parts[2].equals("limits")) {
                if ("PUT".equals(method)) {
                    JsonNode overrides = JSON.readTree(requestBody);
                    if (!overrides.isObject() || overrides.properties().stream()
                            .anyMatch(field -> field.getValue().isNumber() && field.getValue().doubleValue() < 0)) {
                        return adminProblem(422, "invalid-limits", "Invalid limits", "limits are 0 (off) or positive");
                    }
                    tenants.put(id, (tools.jackson.databind.node.ObjectNode) overrides);
                }
                Map<String, Object> limits = new LinkedHashMap<>();
                limits.put("tenantId", id);
                limits.put("overrides", tenants.get(id));
                return json(200, limits);
            }
            if (parts.length == 3 && parts[2].equals("keys")) {
                return "POST".equals(method) ? json(201, newKey(id, JSON.readTree(requestBody).path("keyHash").asString()))
                        : json(200, Map.of("items", keys.values().stream().filter(key -> id.equals(key.get("tenantId")))
                                .map(key -> { Map<String, Object> view = new LinkedHashMap<>(key); view.remove("keyHash"); return view; })
                                .toList()));
            }
            if (parts.length == 4 && parts[2].equals("keys") && "DELETE".equals(method)) {
                return keys.values().stream()
                        .filter(key -> id.equals(key.get("tenantId")) && parts[3].equals(key.get("keyId")))
                        .findFirst()
                        .map(key -> {
                            key.putIfAbsent("revokedAt", Instant.now().toString());
                            return json(200, key);
                        })
                        .orElseGet(() -> adminProblem(404, "unknown-key", "Unknown key", "No key " + parts[3]));
            }
            return NOT_FOUND;
        }
    }

    private Answer slots(String method, String tenant, String path, Map<String, String> query) {
        Instant now = Instant.now();
        synchronized (slots) {
            if ("POST".equals(method)) {
                int limit = number(query.get("limit"));
                int leaseSeconds = number(query.get("leaseSeconds"));
                if (!SLOT_KIND.equals(path) || limit < 1 || limit > 100 || leaseSeconds < 3 || leaseSeconds > 600) {
                    return badRequest("kind progress-streams, limit 1-100 and leaseSeconds 3-600");
                }
                for (int i = 0; i < limit; i++) {
                    String id = SLOT_KIND + ":" + tenant + ":" + i;
                    HeldSlot held = slots.get(id);
                    if (held == null || !held.expiresAt().isAfter(now)) {
                        String holder = java.util.UUID.randomUUID().toString();
                        slots.put(id, new HeldSlot(holder, now.plusSeconds(leaseSeconds)));
                        return json(201, Map.of("id", id, "holder", holder, "leaseSeconds", leaseSeconds));
                    }
                }
                return problem(429, "slots-taken", "All slots taken", "All " + limit + " slots are held");
            }
            if (!path.matches(Pattern.quote(SLOT_KIND + ":" + tenant + ":") + "[0-9]{1,3}")) {
                return problem(404, "not-found", "Not Found", "No slot " + path);
            }
            HeldSlot held = slots.get(path);
            boolean holds = held != null && held.holder().equals(query.get("holder"));
            if ("PUT".equals(method)) {
                int leaseSeconds = number(query.get("leaseSeconds"));
                if (leaseSeconds < 3 || leaseSeconds > 600) {
                    return badRequest("leaseSeconds 3-600");
                }
                if (!holds) {
                    return problem(410, "slot-gone", "Slot gone", "Slot " + path + " is no longer yours");
                }
                slots.put(path, new HeldSlot(held.holder(), now.plusSeconds(leaseSeconds)));
                return new Answer(204, "application/json", "");
            }
            if ("DELETE".equals(method)) {
                if (holds) {
                    slots.remove(path);
                }
                return new Answer(204, "application/json", "");
            }
            return NOT_FOUND;
        }
    }

    private static int number(String text) {
        try {
            return text == null ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private Map<String, Object> newKey(String tenantId, String keyHash) {
        Map<String, Object> key = new ConcurrentHashMap<>();
        key.put("keyId", "key_" + java.util.UUID.randomUUID().toString().substring(0, 8));
        key.put("tenantId", tenantId);
        key.put("createdAt", Instant.now().toString());
        key.put("keyHash", keyHash);
        keys.put(keyHash, key);
        Map<String, Object> view = new LinkedHashMap<>(key);
        view.remove("keyHash");
        return view;
    }

    private static Answer json(int status, Object body) {
        return new Answer(status, "application/json", JSON.writeValueAsString(body));
    }

    private static Answer adminProblem(int status, String type, String title, String detail) {
        return new Answer(status, "application/problem+json", JSON.writeValueAsString(Map.of(
                "type", "https://coursegen.io/problems/" + type, "title", title, "status", status, "detail", detail,
                "instance", "/internal/admin/v1/...")));
    }

    private static Answer problem(int status, String type, String title, String detail) {
        return new Answer(status, "application/problem+json", JSON.writeValueAsString(Map.of(
                "type", "https://coursegen.io/problems/" + type, "title", title, "status", status, "detail", detail)));
    }

    private static Answer acceptance(String outcome, JsonNode course, String status) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", outcome);
        answer.put("course", course);
        answer.put("status", status);
        return new Answer(200, "application/json", JSON.writeValueAsString(answer));
    }

    private static Answer badRequest(String detail) {
        return new Answer(400, "application/problem+json", JSON.writeValueAsString(Map.of(
                "type", "about:blank", "title", "Bad Request", "status", 400, "detail", detail)));
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    /** Lessons a PATCH edits (see {@link #lesson}), by tenant and path. */
    private final Map<String, tools.jackson.databind.node.ObjectNode> lessons = new ConcurrentHashMap<>();

    /**
     * A lesson of the tenant's completed course at revision 1, which {@code PATCH /api/v1/courses/{id}/lessons/{id}}
     * edits as storage-service does: each of {@code markdown}, {@code keyTakeaways}, {@code quiz} and
     * {@code picture.caption}/{@code altText} sent replaces the shown one and the lesson is at the next revision,
     * answered 200 with the lesson and that revision as {@code ETag}; nothing to edit is a 400, an {@code If-Match}
     * naming another revision a 412 {@code stale-lesson}. Storage's lesson rules (422) are not judged here.
     */
    public void lesson(String tenant, String courseId, String lessonId, String markdown) {
        tools.jackson.databind.node.ObjectNode lesson = JSON.createObjectNode().put("lessonId", lessonId)
                .put("markdown", markdown).put("revision", 1);
        lesson.putObject("image").put("caption", "A caption").put("altText", "An alt text");
        lessons.put(tenant + " /api/v1/courses/" + courseId + "/lessons/" + lessonId, lesson);
    }

    private Answer editLesson(String tenant, String path, String ifMatch, String requestBody) {
        tools.jackson.databind.node.ObjectNode lesson = lessons.get(tenant + " " + path);
        if (lesson == null) {
            return null;
        }
        JsonNode edit = requestBody.isBlank() ? JSON.createObjectNode() : JSON.readTree(requestBody);
        JsonNode picture = edit.path("picture");
        List<String> texts = List.of("markdown", "keyTakeaways", "quiz");
        List<String> pictureTexts = List.of("caption", "altText");
        if (texts.stream().noneMatch(edit::hasNonNull) && pictureTexts.stream().noneMatch(picture::hasNonNull)) {
            return badRequest("Nothing to edit: send at least one of markdown, keyTakeaways, quiz, picture.caption, "
                    + "picture.altText");
        }
        synchronized (lesson) {
            int revision = lesson.path("revision").asInt();
            if (ifMatch != null && !ifMatch.equals("\"" + revision + "\"")) {
                return new Answer(412, "application/problem+json", JSON.writeValueAsString(Map.of(
                        "type", "https://coursegen.io/problems/stale-lesson", "title", "Lesson changed", "status", 412,
                        "detail", "The lesson is at revision " + revision + " now", "currentRevision", revision)));
            }
            texts.stream().filter(edit::hasNonNull).forEach(field -> lesson.set(field, edit.get(field)));
            tools.jackson.databind.node.ObjectNode image = (tools.jackson.databind.node.ObjectNode) lesson.get("image");
            pictureTexts.stream().filter(picture::hasNonNull)
                    .forEach(field -> image.put(field, picture.path(field).asString().strip()));
            lesson.put("revision", revision + 1);
            return new Answer(200, "application/json", Map.of("ETag", "\"" + (revision + 1) + "\""),
                    JSON.writeValueAsBytes(lesson));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        String method = exchange.getRequestMethod();
        String tenant = exchange.getRequestHeaders().getFirst("X-Coursegen-Tenant");
        received.add(new Received(method, pathAndQuery, tenant));
        // as storage-service does: every request outside /actuator must carry the gateway's proof for exactly it
        if (!exchange.getRequestURI().getRawPath().startsWith("/actuator/") && !PROOFS.verify(exchange.getRequestHeaders().getFirst(GatewayProof.HEADER), tenant == null ? "" : tenant, method,
                exchange.getRequestURI().getRawPath(), Instant.now())) {
            byte[] refused = "{\"status\":401,\"title\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(401, refused.length);
            try (var out = exchange.getResponseBody()) {
                out.write(refused);
            }
            return;
        }
        String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(new ReceivedBody(pathAndQuery, exchange.getRequestHeaders().getFirst("Content-Type"), requestBody));
        Hold hold = holds.get(method + " " + tenant + " " + pathAndQuery);
        if (hold != null && !awaitRelease(hold)) {
            exchange.close();
            return;
        }
        Queue<Answer> once = onceAnswers.get(method + " " + tenant + " " + pathAndQuery);
        Answer answer = once == null ? null : once.poll();
        if (answer == null) {
            answer = answers.getOrDefault(method + " " + tenant + " " + pathAndQuery,
                    answers.get(tenant + " " + pathAndQuery));
        }
        if (answer == null && "PATCH".equals(method)) {
            answer = editLesson(tenant, pathAndQuery, exchange.getRequestHeaders().getFirst("If-Match"), requestBody);
        }
        if (answer == null && pathAndQuery.startsWith(ADMIN + "/")) {
            answer = admin(method, tenant, pathAndQuery.substring(ADMIN.length()), requestBody);
        }
        Matcher review = REVIEW.matcher(pathAndQuery);
        if (answer == null && review.matches()) {
            answer = review(method, tenant, review.group(1), review.group(2),
                    exchange.getRequestHeaders().getFirst("If-Match"), requestBody);
        }
        if (answer == null && exchange.getRequestURI().getPath().startsWith(SLOTS + "/")) {
            answer = slots(method, tenant, exchange.getRequestURI().getPath().substring(SLOTS.length() + 1), query(query));
        }
        if (answer == null) {
            answer = "POST".equals(method) && NEW_COURSES.equals(pathAndQuery)
                    ? newCourse(tenant, exchange.getRequestHeaders().getFirst("traceparent"), requestBody)
                    : NOT_FOUND;
        }
        if (answer == DROP_CONNECTION) {
            exchange.close();
            return;
        }
        byte[] body = answer.body();
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean chunked = !answer.headers().isEmpty();
        // one connection per request: with keep-alive, a request through a connection this JDK HttpServer had used
        // before now and then got no answer (the last export test hung 30 s in 3 of 5 full-suite runs; not once since)
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(answer.status(), chunked ? 0 : body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            for (int offset = 0; offset < body.length; offset += CHUNK_BYTES) {
                out.write(body, offset, Math.min(CHUNK_BYTES, body.length - offset));
                out.flush();
            }
        }
    }

    /** @return false if the hold outlasted any test (the request is then dropped, not answered) */
    private static boolean awaitRelease(Hold hold) {
        try {
            return hold.released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
