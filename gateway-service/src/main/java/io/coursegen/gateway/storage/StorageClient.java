package io.coursegen.gateway.storage;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
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
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads courses from storage-service on behalf of an authenticated tenant, which it names in the trusted
 * {@value #TENANT_HEADER} header. Only well-formed ids and query strings are forwarded; storage-service's
 * answers (including its 4xx problems) pass through unchanged, while its failures become
 * {@link StorageUnavailableException}: a retryable 503 instead of storage-service's internals.
 */
@Component
public class StorageClient {

    public static final String TENANT_HEADER = "X-Coursegen-Tenant";
    /** Tells storage-service that this gateway accepted the course for this tenant moments ago. */
    static final String JUST_ACCEPTED_HEADER = "X-Coursegen-Just-Accepted";

    private static final Logger log = LoggerFactory.getLogger(StorageClient.class);
    private static final Pattern COURSE_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final String COURSES = "/api/v1/courses";
    private static final String IDEMPOTENCY_KEYS = "/internal/v1/idempotency-keys";
    private static final String QUEUED_COURSES = "/internal/v1/courses";
    /** A submission waits at most this long for storage-service before it goes ahead without it. */
    private static final Duration QUEUED_TIMEOUT = Duration.ofSeconds(2);
    private static final String WEBHOOKS = "/api/v1/webhooks";
    /** A course of 30 lessons with quizzes is a few hundred KB; the codec default (256 KB) is too small. */
    private static final int MAX_COURSE_BYTES = 8 * 1024 * 1024;
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
    /** What a read passes on besides status and body; a download also needs its file name. */
    private static final List<String> READ_HEADERS = List.of(HttpHeaders.CONTENT_TYPE);
    private static final List<String> DOWNLOAD_HEADERS = List.of(HttpHeaders.CONTENT_TYPE,
            HttpHeaders.CONTENT_DISPOSITION);

    private final WebClient webClient;
    private final URI baseUrl;
    private final AcceptedCourses accepted;
    private final JsonMapper json;

    StorageClient(WebClient.Builder builder, GatewayProperties properties, AcceptedCourses accepted, JsonMapper json) {
        this.accepted = accepted;
        this.json = json;
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.storageTimeout().toMillis()))
                .responseTimeout(properties.storageTimeout());
        this.webClient = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_COURSE_BYTES))
                .build();
        this.baseUrl = properties.storageUrl();
    }

    /** {@code GET /api/v1/courses/{id}} as storage-service answers it: status, content type and body. */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardCourse(String courseId, Tenant tenant) {
        return Mono.fromCallable(() -> courseUri(courseId))
                .flatMap(uri -> forward(uri, tenant, JSON, READ_HEADERS))
                .flatMap(answer -> answer.getStatusCode().value() != HttpStatus.NOT_FOUND.value() ? Mono.just(answer)
                        : accepted.queuedView(courseId, tenant)
                                .map(view -> discardBody(answer).thenReturn(jsonAnswer(view)))
                                .orElseGet(() -> Mono.just(answer)));
    }

    /** {@code GET /api/v1/courses?...} with the caller's query string, as storage-service answers it. */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardCourseList(String rawQuery, Tenant tenant) {
        return Mono.fromCallable(() -> listUri(rawQuery)).flatMap(uri -> forward(uri, tenant, JSON, READ_HEADERS));
    }

    /**
     * {@code GET /api/v1/courses/{id}/export?...} with the caller's query string: storage-service's status, content
     * type, {@code Content-Disposition} and body, streamed through buffer by buffer as it arrives (exports are
     * binary and may be many megabytes, so they are never decoded or held whole). A course accepted here moments
     * ago that storage-service does not know yet is a 409, as it is for any course not completed.
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardExport(String courseId, String rawQuery, Tenant tenant) {
        return Mono.fromCallable(() -> exportUri(courseId, rawQuery))
                .flatMap(uri -> forward(uri, tenant, List.of(MediaType.ALL), DOWNLOAD_HEADERS))
                .flatMap(answer -> answer.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
                        && accepted.remembers(courseId, tenant)
                        ? discardBody(answer).then(Mono.error(new ExportNotReadyException()))
                        : Mono.just(answer));
    }

    /**
     * {@code DELETE /api/v1/courses/{id}} as storage-service answers it: 202 with the status body for a course it
     * cancelled, 204 for a final course it deleted, 404 for an unknown or someone else's course.
     *
     * <p>A course this gateway accepted moments ago may not have reached storage-service yet. Answering 409 "try
     * again" would leave the course running, and spending, if the client does not retry. Instead the gateway,
     * which knows the course and its tenant, says so in {@value #JUST_ACCEPTED_HEADER}, and storage-service
     * records the course as CANCELLED right away (and announces it), so that when {@code course.requested}
     * arrives the course stays cancelled: the cancel takes effect at once and is never lost. A deleted course is
     * forgotten here too, so a later read is storage-service's 404, not the remembered QUEUED course.
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardCancel(String courseId, Tenant tenant) {
        return Mono.fromCallable(() -> courseUri(courseId))
                .flatMap(uri -> forward(HttpMethod.DELETE, uri, tenant, JSON, READ_HEADERS,
                        accepted.remembers(courseId, tenant) ? Map.of(JUST_ACCEPTED_HEADER, "true") : Map.of()))
                .doOnNext(answer -> {
                    if (answer.getStatusCode().value() == HttpStatus.NO_CONTENT.value()) {
                        accepted.forget(courseId);
                    }
                });
    }

    /**
     * {@code POST /api/v1/courses/{id}/lessons/{lessonId}/regenerate} with the caller's body (optional
     * {@code {"instructions": "..."}}, passed through as sent, with its content type) as storage-service answers
     * it: 202 with the revision being written, 400 for instructions that are too long, 404 for an unknown or
     * someone else's course or lesson, 409 for a course not COMPLETED. A course accepted here moments ago that
     * storage-service does not know yet is a 409 too: it is QUEUED.
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forwardRegenerate(String courseId, String lessonId,
            MediaType contentType, Flux<DataBuffer> body, Tenant tenant) {
        return Mono.fromCallable(() -> regenerateUri(courseId, lessonId))
                .flatMap(uri -> forward(HttpMethod.POST, uri, tenant, JSON, READ_HEADERS, Map.of(),
                        request -> {
                            if (contentType != null) {
                                request.contentType(contentType);
                            }
                            return request.body(BodyInserters.fromDataBuffers(body));
                        }))
                .flatMap(answer -> answer.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
                        && accepted.remembers(courseId, tenant)
                        ? discardBody(answer).then(Mono.error(new RegenerationNotReadyException()))
                        : Mono.just(answer));
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
     * Stores a course about to be published as QUEUED at storage-service, so a read straight after the submission
     * finds it through any gateway instance. Best effort: if storage-service cannot be reached the submission goes
     * ahead (this instance still remembers the course; storage creates it from {@code course.requested}), because
     * accepting courses must not depend on the read side being up.
     */
    public Mono<Void> storeQueued(CourseRequested course) {
        URI uri = UriComponentsBuilder.fromUri(baseUrl).path(QUEUED_COURSES).build().toUri();
        return webClient.post().uri(uri)
                .header(TENANT_HEADER, course.tenantId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(course)
                .retrieve()
                .toBodilessEntity()
                .then()
                .timeout(QUEUED_TIMEOUT)
                .onErrorResume(error -> {
                    log.warn("Could not store course {} as queued at storage-service (it will be created from its "
                            + "request): {}", course.courseId(), NestedExceptionUtils.getMostSpecificCause(error).toString());
                    return Mono.empty();
                });
    }

    /**
     * Reserves a tenant's {@code Idempotency-Key} for a course request before it is published, or learns what the
     * key already stands for. storage-service holds the keys, so they hold across gateway instances, and it stores
     * a newly reserved course as QUEUED at once, so a read straight after the submission finds it anywhere.
     */
    public Mono<KeyReservation> reserve(Tenant tenant, String idempotencyKey, String requestHash, CourseRequested course) {
        URI uri = UriComponentsBuilder.fromUri(baseUrl).path(IDEMPOTENCY_KEYS).build().toUri();
        return webClient.post().uri(uri)
                .header(TENANT_HEADER, tenant.id())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("key", idempotencyKey, "requestHash", requestHash, "course", course))
                .retrieve()
                .bodyToMono(KeyReservation.class)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty idempotency key answer")))
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
                            if (status.value() == HttpStatus.NOT_FOUND.value()) {
                                Optional<Map<String, Object>> queued = accepted.queuedView(courseId, tenant);
                                if (queued.isPresent()) {
                                    return response.releaseBody().then(Mono.fromCallable(() -> json.convertValue(queued.get(), type)));
                                }
                            }
                            if (status.is4xxClientError()) {
                                return response.toEntity(byte[].class)
                                        .flatMap(answer -> Mono.error(new StorageRejectedException(answer)));
                            }
                            return response.releaseBody().then(Mono.error(() -> serverError(uri, status)));
                        }))
                .onErrorMap(StorageClient::isUnexpected, StorageClient::unavailable);
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

    private ResponseEntity<Flux<DataBuffer>> jsonAnswer(Object body) {
        DataBuffer bytes = DefaultDataBufferFactory.sharedInstance.wrap(json.writeValueAsBytes(body));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Flux.just(bytes));
    }

    private static Mono<Void> discardBody(ResponseEntity<Flux<DataBuffer>> answer) {
        Flux<DataBuffer> body = answer.getBody();
        return body == null ? Mono.empty() : body.doOnNext(DataBufferUtils::release).then();
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

    private URI regenerateUri(String courseId, String lessonId) {
        URI course = courseUri(courseId);
        if (lessonId == null || !COURSE_ID.matcher(lessonId).matches()) {
            throw new InvalidCourseIdException("lesson");
        }
        return UriComponentsBuilder.fromUri(course).path("/lessons/{lessonId}/regenerate").buildAndExpand(lessonId)
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
