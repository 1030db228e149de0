package io.coursegen.gateway.storage;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.GatewayProof;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * Reads courses from storage-service on behalf of an authenticated tenant, which it names in the trusted
 * {@value #TENANT_HEADER} header, and takes the tenant's slots there for limits that must hold across gateway
 * instances. Only well-formed ids and query strings are forwarded; storage-service's
 * answers (including its 4xx problems) pass through unchanged, while its failures become
 * {@link StorageUnavailableException}: a retryable 503 instead of storage-service's internals.
 */
@Component
@EnableConfigurationProperties(InternalProperties.class)
public class StorageClient {

    public static final String TENANT_HEADER = GatewayProof.TENANT_HEADER;

    private static final Logger log = LoggerFactory.getLogger(StorageClient.class);
    private static final Pattern COURSE_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final String COURSES = "/api/v1/courses";
    private static final String NEW_COURSES = "/internal/v1/courses";
    private static final String WEBHOOKS = "/api/v1/webhooks";
    private static final String USAGE = "/api/v1/usage";
    private static final String SLOTS = "/internal/v1/slots";
    /** A course of 30 lessons with quizzes is a few hundred KB; the codec default (256 KB) is too small. */
    private static final int MAX_COURSE_BYTES = 8 * 1024 * 1024;
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
    /** What a read passes on besides status and body; a download also needs its file name. */
    private static final List<String> READ_HEADERS = List.of(HttpHeaders.CONTENT_TYPE);
    /** An answer that may be a 429 also says when to try again. */
    private static final List<String> LIMITED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER);
    /** An outline's revision travels as its ETag; an approval may be refused over the budget (429). */
    private static final List<String> REVIEW_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.RETRY_AFTER);
    private static final List<String> DOWNLOAD_HEADERS = List.of(HttpHeaders.CONTENT_TYPE,
            HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.RETRY_AFTER);

    private final WebClient webClient;
    private final URI baseUrl;

    StorageClient(WebClient.Builder builder, GatewayProperties properties, InternalProperties internal) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.storageTimeout().toMillis()))
                .responseTimeout(properties.storageTimeout());
        // fails the start-up with what to set when the secret is missing or short
        GatewayProof proofs = new GatewayProof(internal.secret());
        this.webClient = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                // storage believes the tenant header only with this gateway's signature over it, method and path
                .filter((request, next) -> next.exchange(ClientRequest.from(request)
                        .header(GatewayProof.HEADER, proofs.sign(tenantOf(request), request.method().name(),
                                request.url().getRawPath(), Instant.now()))
                        .build()))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_COURSE_BYTES))
                .build();
        this.baseUrl = properties.storageUrl();
    }

    /** {@code GET /api/v1/courses/{id}} as storage-service answers it: status, content type and body. */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardCourse(String courseId, Tenant tenant) {
        return Mono.fromCallable(() -> courseUri(courseId)).flatMap(uri -> forward(uri, tenant, JSON, READ_HEADERS));
    }

    /** {@code GET /api/v1/usage}: the caller's month (budget, spent, reserved, courses by status). */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardUsage(Tenant tenant) {
        return forward(UriComponentsBuilder.fromUri(baseUrl).path(USAGE).build().toUri(), tenant, JSON, READ_HEADERS);
    }

    /** {@code GET /api/v1/courses?...} with the caller's query string, as storage-service answers it. */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardCourseList(String rawQuery, Tenant tenant) {
        return Mono.fromCallable(() -> listUri(rawQuery)).flatMap(uri -> forward(uri, tenant, JSON, READ_HEADERS));
    }

    /**
     * {@code GET /api/v1/courses/{id}/export?...} with the caller's query string: storage-service's status, content
     * type, {@code Content-Disposition} and body, streamed through buffer by buffer as it arrives (exports are
     * binary and may be many megabytes, so they are never decoded or held whole).
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardExport(String courseId, String rawQuery, Tenant tenant) {
        return Mono.fromCallable(() -> exportUri(courseId, rawQuery))
                .flatMap(uri -> forward(uri, tenant, List.of(MediaType.ALL), DOWNLOAD_HEADERS));
    }

    /**
     * {@code DELETE /api/v1/courses/{id}} as storage-service answers it: 202 with the status body for a course it
     * cancelled, 204 for a final course it deleted, 404 for an unknown or someone else's course.
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardCancel(String courseId, Tenant tenant) {
        return Mono.fromCallable(() -> courseUri(courseId))
                .flatMap(uri -> forward(HttpMethod.DELETE, uri, tenant, JSON, READ_HEADERS, Map.of()));
    }

    /**
     * {@code POST /api/v1/courses/{id}/lessons/{lessonId}/regenerate} with the caller's body (optional
     * {@code {"instructions": "..."}}, passed through as sent, with its content type) as storage-service answers
     * it: 202 with the revision being written, 400 for instructions that are too long, 404 for an unknown or
     * someone else's course or lesson, 409 for a course not COMPLETED, 429 (with {@code Retry-After}) over the
     * tenant's regenerations per hour.
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardRegenerate(String courseId, String lessonId,
            MediaType contentType, Flux<DataBuffer> body, Tenant tenant) {
        return forwardRegenerate(courseId, lessonId, "/regenerate", contentType, body, tenant);
    }

    /**
     * {@code POST /api/v1/courses/{id}/lessons/{lessonId}/picture/regenerate}: only the lesson's picture is drawn again
     * (its text stays); answered as {@link #forwardRegenerate}.
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardPictureRegenerate(String courseId, String lessonId,
            MediaType contentType, Flux<DataBuffer> body, Tenant tenant) {
        return forwardRegenerate(courseId, lessonId, "/picture/regenerate", contentType, body, tenant);
    }

    /**
     * {@code POST /api/v1/courses/{id}/lessons} with the caller's body ({@code title}, {@code summary}, optional
     * {@code position}, ...): 202 with the new lesson's id (it is written and drawn), 409 for a course not COMPLETED,
     * 422 listing what is wrong, 429 over the tenant's regenerations per hour or budget.
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardLessonAddition(String courseId, MediaType contentType,
            Flux<DataBuffer> body, Tenant tenant) {
        return Mono.fromCallable(() -> UriComponentsBuilder.fromUri(courseUri(courseId)).path("/lessons").build()
                        .toUri())
                .flatMap(uri -> forward(HttpMethod.POST, uri, tenant, JSON, LIMITED_HEADERS, Map.of(), request -> {
                    if (contentType != null) {
                        request.contentType(contentType);
                    }
                    return request.body(BodyInserters.fromDataBuffers(body));
                }));
    }

    /** {@code DELETE /api/v1/courses/{id}/lessons/{lessonId}}: 204, 404, 409 (not COMPLETED), 422 (the last lesson). */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardLessonRemoval(String courseId, String lessonId, Tenant tenant) {
        return Mono.fromCallable(() -> regenerateUri(courseId, lessonId, ""))
                .flatMap(uri -> forward(HttpMethod.DELETE, uri, tenant, JSON, READ_HEADERS, Map.of()));
    }

    private Mono<ResponseEntity<Flux<DataBuffer>>> forwardRegenerate(String courseId, String lessonId, String what,
            MediaType contentType, Flux<DataBuffer> body, Tenant tenant) {
        return Mono.fromCallable(() -> regenerateUri(courseId, lessonId, what))
                .flatMap(uri -> forward(HttpMethod.POST, uri, tenant, JSON, LIMITED_HEADERS, Map.of(),
                        request -> {
                            if (contentType != null) {
                                request.contentType(contentType);
                            }
                            return request.body(BodyInserters.fromDataBuffers(body));
                        }));
    }

    /**
     * {@code PATCH /api/v1/courses/{id}/lessons/{lessonId}} with the caller's body (passed through as sent, with its
     * content type) and {@code If-Match}, as storage-service answers it: 200 with the edited lesson and its new
     * revision as {@code ETag}; 400 (nothing to edit), 404 (unknown or another tenant's course, or no such lesson),
     * 409 (course not COMPLETED), 412 (the lesson is at another revision than {@code If-Match} names), 422 (the
     * edited lesson breaks the lesson rules, each problem in {@code errors}). A malformed id: 400 without asking.
     *
     * @param ifMatch null without one
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardLessonEdit(String courseId, String lessonId, String ifMatch,
            MediaType contentType, Flux<DataBuffer> body, Tenant tenant) {
        return Mono.fromCallable(() -> lessonUri(courseId, lessonId))
                .flatMap(uri -> forward(HttpMethod.PATCH, uri, tenant, JSON,
                        List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG),
                        ifMatch == null ? Map.of() : Map.of(HttpHeaders.IF_MATCH, ifMatch), request -> {
                            if (contentType != null) {
                                request.contentType(contentType);
                            }
                            return request.body(BodyInserters.fromDataBuffers(body));
                        }));
    }

    private URI lessonUri(String courseId, String lessonId) {
        URI course = courseUri(courseId);
        if (lessonId == null || !COURSE_ID.matcher(lessonId).matches()) {
            throw new InvalidCourseIdException("lesson");
        }
        return UriComponentsBuilder.fromUri(course).path("/lessons/{lessonId}").buildAndExpand(lessonId).encode()
                .toUri();
    }

    /**
     * The caller's webhooks at storage-service, which keeps them: {@code POST /api/v1/webhooks} with the caller's
     * body and content type (201 with the signing secret), {@code GET /api/v1/webhooks} (their last deliveries
     * included) and {@code DELETE /api/v1/webhooks/{id}} (204, or 404 for an unknown or someone else's webhook),
     * answered as storage-service answers.
     *
     * @param webhookId null for the collection
     * @param body      null for a request without a body
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardWebhooks(HttpMethod method, String webhookId,
            MediaType contentType, Flux<DataBuffer> body, Tenant tenant) {
        return Mono.fromCallable(() -> webhooksUri(webhookId))
                .flatMap(uri -> forward(method, uri, tenant, JSON, READ_HEADERS, Map.of(), request -> {
                    if (body == null) {
                        return request;
                    }
                    if (contentType != null) {
                        request.contentType(contentType);
                    }
                    return request.body(BodyInserters.fromDataBuffers(body));
                }));
    }

    /**
     * Hands a new course to storage-service, which stores it as QUEUED (the one place a course comes to exist) or,
     * under an idempotency key used before, names the course the key stands for. Any failure to get that answer is
     * an error: the course may or may not exist, and only the client can decide to retry.
     *
     * @param idempotencyKey null without one; then {@code requestHash} is null too
     */
    public Mono<Acceptance> accept(CourseRequested course, String idempotencyKey, String requestHash) {
        URI uri = UriComponentsBuilder.fromUri(baseUrl).path(NEW_COURSES).build().toUri();
        Map<String, Object> body = new HashMap<>();
        body.put("course", course);
        body.put("idempotencyKey", idempotencyKey);
        body.put("requestHash", requestHash);
        return webClient.post().uri(uri)
                .header(TENANT_HEADER, course.tenantId())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Acceptance.class)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty answer to a new course")));
    }

    /**
     * Takes one of the tenant's {@code limit} slots of {@code kind} at storage-service for {@code lease} (whole
     * seconds), so the limit holds across gateway instances; empty when all of them are held (storage's 429). Give it
     * back with {@link #releaseSlot}, or it is free again once its lease ends unrenewed.
     */
    public Mono<Slot> takeSlot(String kind, int limit, Duration lease, Tenant tenant) {
        URI uri = UriComponentsBuilder.fromUri(baseUrl).path(SLOTS + "/{kind}")
                .queryParam("limit", limit)
                .queryParam("leaseSeconds", lease.toSeconds())
                .buildAndExpand(kind).encode().toUri();
        return webClient.post().uri(uri)
                .header(TENANT_HEADER, tenant.id())
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .exchangeToMono(response -> {
                    HttpStatusCode status = response.statusCode();
                    if (status.value() == HttpStatus.CREATED.value()) {
                        return response.bodyToMono(Slot.class)
                                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty answer to a take")));
                    }
                    return response.releaseBody().then(status.value() == HttpStatus.TOO_MANY_REQUESTS.value()
                            ? Mono.empty() : Mono.error(() -> serverError(uri, status)));
                })
                .onErrorMap(StorageClient::isUnexpected, StorageClient::unavailable);
    }

    /**
     * Holds the slot for its lease from now: false when it is no longer the holder's (given back, or its lease ended
     * and another stream took it; storage's 410).
     */
    public Mono<Boolean> renewSlot(Slot slot, Tenant tenant) {
        URI uri = UriComponentsBuilder.fromUri(baseUrl).path(SLOTS + "/{id}")
                .queryParam("holder", slot.holder())
                .queryParam("leaseSeconds", slot.leaseSeconds())
                .buildAndExpand(slot.id()).encode().toUri();
        return slotCall(HttpMethod.PUT, uri, tenant)
                .flatMap(status -> status.is2xxSuccessful() ? Mono.just(true)
                        : status.value() == HttpStatus.GONE.value() ? Mono.just(false)
                        : Mono.error(() -> serverError(uri, status)));
    }

    /** Gives the slot back; done whether or not the holder still had it. */
    public Mono<Void> releaseSlot(Slot slot, Tenant tenant) {
        URI uri = UriComponentsBuilder.fromUri(baseUrl).path(SLOTS + "/{id}")
                .queryParam("holder", slot.holder())
                .buildAndExpand(slot.id()).encode().toUri();
        return slotCall(HttpMethod.DELETE, uri, tenant)
                .flatMap(status -> status.is2xxSuccessful() ? Mono.<Void>empty()
                        : Mono.error(() -> serverError(uri, status)));
    }

    private Mono<HttpStatusCode> slotCall(HttpMethod method, URI uri, Tenant tenant) {
        return webClient.method(method).uri(uri)
                .header(TENANT_HEADER, tenant.id())
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .onErrorMap(StorageClient::isUnexpected, StorageClient::unavailable);
    }

    /**
     * The course parsed as {@code type}; a 4xx from storage-service (404 for an unknown id or another
     * tenant's course) fails with {@link StorageRejectedException} carrying its answer.
     */
    public <T> Mono<T> readCourse(String courseId, Tenant tenant, Class<T> type) {
        return Mono.fromCallable(() -> courseUri(courseId))
                .flatMap(uri -> webClient.get().uri(uri)
                        .header(TENANT_HEADER, tenant.id())
                        .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                        .exchangeToMono(response -> {
                            HttpStatusCode status = response.statusCode();
                            if (status.is2xxSuccessful()) {
                                return response.bodyToMono(type)
                                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty answer")));
                            }
                            if (status.is4xxClientError()) {
                                return response.toEntity(byte[].class)
                                        .flatMap(answer -> Mono.error(new StorageRejectedException(answer)));
                            }
                            return response.releaseBody().then(Mono.error(() -> serverError(uri, status)));
                        }))
                .onErrorMap(StorageClient::isUnexpected, StorageClient::unavailable);
    }

    // Outline review (issue 15): storage-service keeps the outline and its revision and decides every answer; the
    // gateway forwards the revision both ways (ETag out, If-Match in) and never checks it itself.

    /**
     * {@code GET /api/v1/courses/{id}/outline}: 200 {@code {"courseId", "status", "revision", "outline",
     * "estimate"}} with {@code ETag: "<revision>"}; 404 for an unknown or someone else's course, 409
     * ({@code …/not-outlined-yet}) while the course has no outline.
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardOutline(String courseId, Tenant tenant) {
        return Mono.fromCallable(() -> reviewUri(courseId, "outline"))
                .flatMap(uri -> forward(uri, tenant, JSON, REVIEW_HEADERS));
    }

    /**
     * {@code PUT /api/v1/courses/{id}/outline}: the author's outline (an {@code OutlineDraft}) replaces the
     * revision named by {@code If-Match}. 200 as for a read, with the new ETag; 428 without {@code If-Match}, 412
     * ({@code …/stale-outline}) for a revision that is not the current one, 409 ({@code …/not-awaiting-review}) for a
     * course not OUTLINE_READY, 422 ({@code …/invalid-outline}) with one {@code errors} entry per broken rule.
     *
     * @param ifMatch null when the caller sent none (storage-service then answers 428)
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardOutlineEdit(String courseId, String ifMatch, JsonNode outline,
            Tenant tenant) {
        return Mono.fromCallable(() -> reviewUri(courseId, "outline"))
                .flatMap(uri -> forward(HttpMethod.PUT, uri, tenant, JSON, REVIEW_HEADERS, ifMatchHeader(ifMatch),
                        request -> request.contentType(MediaType.APPLICATION_JSON).bodyValue(outline)));
    }

    /**
     * {@code POST /api/v1/courses/{id}/approve}: 202 {@code {"courseId", "status": "QUEUED", "revision",
     * "estimate"}}; 409 for a course not OUTLINE_READY, 412 when {@code If-Match} names an older revision, 429
     * ({@code …/budget-exhausted}, with {@code Retry-After}) when the approved outline's estimate no longer fits the
     * month's budget.
     *
     * @param ifMatch null to approve whatever revision is current
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardApproval(String courseId, String ifMatch, Tenant tenant) {
        return Mono.fromCallable(() -> reviewUri(courseId, "approve"))
                .flatMap(uri -> forward(HttpMethod.POST, uri, tenant, JSON, REVIEW_HEADERS, ifMatchHeader(ifMatch)));
    }

    private URI reviewUri(String courseId, String step) {
        if (courseId == null || !COURSE_ID.matcher(courseId).matches()) {
            throw new InvalidCourseIdException();
        }
        return UriComponentsBuilder.fromUri(baseUrl).path(COURSES + "/{id}/" + step).buildAndExpand(courseId)
                .encode().toUri();
    }

    private static Map<String, String> ifMatchHeader(String ifMatch) {
        return ifMatch == null ? Map.of() : Map.of(HttpHeaders.IF_MATCH, ifMatch);
    }

    private Mono<ResponseEntity<Flux<DataBuffer>>> forward(URI uri, Tenant tenant, List<MediaType> accept,
            List<String> passedHeaders) {
        return forward(HttpMethod.GET, uri, tenant, accept, passedHeaders, Map.of());
    }

    private Mono<ResponseEntity<Flux<DataBuffer>>> forward(HttpMethod method, URI uri, Tenant tenant,
            List<MediaType> accept, List<String> passedHeaders, Map<String, String> extraHeaders) {
        return forward(method, uri, tenant, accept, passedHeaders, extraHeaders, request -> request);
    }

    /** @param withBody adds the request's body, if it has one */
    private Mono<ResponseEntity<Flux<DataBuffer>>> forward(HttpMethod method, URI uri, Tenant tenant,
            List<MediaType> accept, List<String> passedHeaders, Map<String, String> extraHeaders,
            Function<WebClient.RequestBodySpec, WebClient.RequestHeadersSpec<?>> withBody) {
        WebClient.RequestBodySpec request = webClient.method(method).uri(uri)
                .header(TENANT_HEADER, tenant.id())
                .headers(headers -> extraHeaders.forEach(headers::set))
                .accept(accept.toArray(MediaType[]::new));
        return withBody.apply(request)
                .retrieve()
                .onStatus(HttpStatusCode::is5xxServerError,
                        response -> response.releaseBody().then(Mono.error(() -> serverError(uri, response.statusCode()))))
                .onStatus(HttpStatusCode::is4xxClientError, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .map(answer -> ResponseEntity.status(answer.getStatusCode())
                        .headers(headers -> passedHeaders.forEach(name -> {
                            List<String> values = answer.getHeaders().get(name);
                            if (values != null) {
                                headers.put(name, values);
                            }
                        }))
                        .body(answer.getBody()))
                .onErrorMap(StorageClient::isUnexpected, StorageClient::unavailable);
    }

    private static String tenantOf(ClientRequest request) {
        String tenant = request.headers().getFirst(TENANT_HEADER);
        return tenant == null ? "" : tenant;
    }

    private URI courseUri(String courseId) {
        if (courseId == null || !COURSE_ID.matcher(courseId).matches()) {
            throw new InvalidCourseIdException();
        }
        return UriComponentsBuilder.fromUri(baseUrl).path(COURSES + "/{id}").buildAndExpand(courseId).encode().toUri();
    }

    private URI webhooksUri(String webhookId) {
        if (webhookId == null) {
            return UriComponentsBuilder.fromUri(baseUrl).path(WEBHOOKS).build().toUri();
        }
        if (!COURSE_ID.matcher(webhookId).matches()) {
            throw new InvalidCourseIdException("webhook");
        }
        return UriComponentsBuilder.fromUri(baseUrl).path(WEBHOOKS + "/{id}").buildAndExpand(webhookId).encode().toUri();
    }

    /** {@code .../lessons/{lessonId}} followed by {@code what} (empty for the lesson itself). */
    private URI regenerateUri(String courseId, String lessonId, String what) {
        URI course = courseUri(courseId);
        if (lessonId == null || !COURSE_ID.matcher(lessonId).matches()) {
            throw new InvalidCourseIdException("lesson");
        }
        return UriComponentsBuilder.fromUri(course).path("/lessons/{lessonId}" + what).buildAndExpand(lessonId)
                .encode().toUri();
    }

    private URI exportUri(String courseId, String rawQuery) {
        URI course = courseUri(courseId);
        try {
            return UriComponentsBuilder.fromUri(course).path("/export").query(rawQuery).build(true).toUri();
        } catch (IllegalArgumentException malformed) {
            throw new InvalidQueryException();
        }
    }

    private URI listUri(String rawQuery) {
        try {
            return UriComponentsBuilder.fromUri(baseUrl).path(COURSES).query(rawQuery).build(true).toUri();
        } catch (IllegalArgumentException malformed) {
            throw new InvalidQueryException();
        }
    }

    private static IllegalStateException serverError(URI uri, HttpStatusCode status) {
        return new IllegalStateException("storage-service answered " + status.value() + " for " + uri.getPath());
    }

    /** Our own exceptions already say what the client should see; anything else is a failed remote call. */
    private static boolean isUnexpected(Throwable error) {
        return !(error instanceof ErrorResponseException) && !(error instanceof StorageRejectedException);
    }

    private static StorageUnavailableException unavailable(Throwable cause) {
        log.warn("Reading from storage-service failed: {}", NestedExceptionUtils.getMostSpecificCause(cause).toString());
        return new StorageUnavailableException(cause);
    }
}
