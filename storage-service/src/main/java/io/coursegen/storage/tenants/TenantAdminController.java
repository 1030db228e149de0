package io.coursegen.storage.tenants;

import io.coursegen.contracts.GatewayProof;
import io.coursegen.storage.quota.LimitOverrides;
import io.coursegen.storage.quota.Limits;
import io.coursegen.storage.quota.TenantLimits;
import io.coursegen.storage.trust.AdminCalls;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What a gateway's admin API ({@code /admin/v1/tenants}) asks of storage: create tenants, add, list and revoke their
 * keys, read and replace their limits, and say whose a presented key is. Only the admin pseudo-tenant reaches these
 * paths (the proof filter sees to it; the header check here is the second lock). Keys arrive as hashes only.
 */
@RestController
@RequestMapping("/internal/admin/v1")
class TenantAdminController {

    static final String PROBLEMS = "https://coursegen.io/problems/";
    private static final Pattern KEY_HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> LIMIT_FIELDS = Set.of("submissionsPerMinute", "submissionBurst", "maxQueued",
            "regenerationsPerHour", "monthlyBudgetUsd");

    record NewTenant(String tenantId, String keyHash) {
    }

    record NewKey(String keyHash) {
    }

    private final Tenants tenants;
    private final StoredKeys keys;
    private final TenantLimits limits;

    TenantAdminController(Tenants tenants, StoredKeys keys, TenantLimits limits) {
        this.tenants = tenants;
        this.keys = keys;
        this.limits = limits;
    }

    @PostMapping("/tenants")
    Mono<ResponseEntity<Map<String, Object>>> create(@RequestHeader(GatewayProof.TENANT_HEADER) String caller,
            @RequestBody NewTenant request) {
        return Mono.defer(() -> {
            admin(caller);
            String tenantId = tenantId(request.tenantId());
            return tenants.create(tenantId, keyHash(request.keyHash()))
                    .map(key -> ResponseEntity.created(URI.create("/admin/v1/tenants/" + tenantId)).body(key))
                    .switchIfEmpty(Mono.error(() -> problem(HttpStatus.CONFLICT, "tenant-exists", "Tenant exists",
                            "Tenant " + tenantId + " exists already")));
        });
    }

    /** A tenant a gateway knows from its configured keys: created if absent, so it can be administered too. */
    @PutMapping("/tenants/{tenantId}")
    Mono<ResponseEntity<Void>> ensureConfigured(@RequestHeader(GatewayProof.TENANT_HEADER) String caller,
            @PathVariable String tenantId) {
        return Mono.defer(() -> {
            admin(caller);
            return tenants.ensureConfigured(tenantId(tenantId));
        }).thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/tenants/{tenantId}/limits")
    Mono<Map<String, Object>> limits(@RequestHeader(GatewayProof.TENANT_HEADER) String caller,
            @PathVariable String tenantId) {
        return known(caller, tenantId).flatMap(id -> limits.overrides(id)
                .map(own -> limitsView(id, own, own.over(limits.defaults()))));
    }

    /** Replaces the tenant's own limits with the body's: a field left out or null goes back to the default. */
    @PutMapping("/tenants/{tenantId}/limits")
    Mono<Map<String, Object>> replaceLimits(@RequestHeader(GatewayProof.TENANT_HEADER) String caller,
            @PathVariable String tenantId, @RequestBody JsonNode body) {
        return Mono.defer(() -> Mono.just(overrides(body)))
                .flatMap(own -> known(caller, tenantId)
                        .flatMap(id -> limits.replace(id, own).map(now -> limitsView(id, own, now))));
    }

    @PostMapping("/tenants/{tenantId}/keys")
    Mono<ResponseEntity<Map<String, Object>>> addKey(@RequestHeader(GatewayProof.TENANT_HEADER) String caller,
            @PathVariable String tenantId, @RequestBody NewKey request) {
        return Mono.defer(() -> Mono.just(keyHash(request.keyHash())))
                .flatMap(hash -> known(caller, tenantId).flatMap(id -> keys.add(id, hash)))
                .map(key -> ResponseEntity.status(HttpStatus.CREATED).body(key));
    }

    @GetMapping("/tenants/{tenantId}/keys")
    Mono<Map<String, Object>> listKeys(@RequestHeader(GatewayProof.TENANT_HEADER) String caller,
            @PathVariable String tenantId) {
        return known(caller, tenantId).flatMap(keys::list).map(items -> Map.of("items", items));
    }

    /** 200 with the revoked key (its hash included, for the gateway's cache); the gateway answers its caller 204. */
    @DeleteMapping("/tenants/{tenantId}/keys/{keyId}")
    Mono<Map<String, Object>> revoke(@RequestHeader(GatewayProof.TENANT_HEADER) String caller,
            @PathVariable String tenantId, @PathVariable String keyId) {
        return known(caller, tenantId)
                .flatMap(id -> KEY_ID.matcher(keyId).matches() ? keys.revoke(id, keyId) : Mono.empty())
                .switchIfEmpty(Mono.error(() -> problem(HttpStatus.NOT_FOUND, "unknown-key", "Unknown key",
                        "Tenant " + tenantId + " has no key " + keyId)));
    }

    /** Whose key this is (by its SHA-256 hex); 404 for a key that is unknown or revoked, alike. */
    @GetMapping("/keys/{keyHash}")
    Mono<Map<String, Object>> lookup(@RequestHeader(GatewayProof.TENANT_HEADER) String caller,
            @PathVariable String keyHash) {
        return Mono.defer(() -> {
            admin(caller);
            return keys.lookup(keyHash(keyHash));
        }).switchIfEmpty(Mono.error(() -> problem(HttpStatus.NOT_FOUND, "unknown-key", "Unknown key", "No such key")));
    }

    /** The tenant id, if it is well-formed and the tenant exists; a 404 problem otherwise. */
    private Mono<String> known(String caller, String tenantId) {
        return Mono.defer(() -> {
            admin(caller);
            return validTenantId(tenantId) ? tenants.exists(tenantId) : Mono.just(false);
        }).flatMap(exists -> exists ? Mono.just(tenantId) : Mono.error(problem(HttpStatus.NOT_FOUND,
                "unknown-tenant", "Unknown tenant", "No tenant " + tenantId)));
    }

    private static boolean validTenantId(String tenantId) {
        return tenantId != null && Tenants.TENANT_ID.matcher(tenantId).matches();
    }

    private static void admin(String caller) {
        if (!AdminCalls.TENANT.equals(caller)) {
            throw problem(HttpStatus.NOT_FOUND, null, "Not Found", "No such endpoint");
        }
    }

    private static String tenantId(String tenantId) {
        if (!validTenantId(tenantId)) {
            throw problem(HttpStatus.BAD_REQUEST, "invalid-tenant-id", "Invalid tenant id", "tenantId: 1-64 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit");
        }
        return tenantId;
    }

    private static String keyHash(String keyHash) {
        if (keyHash == null || !KEY_HASH.matcher(keyHash).matches()) {
            throw problem(HttpStatus.BAD_REQUEST, null, "Bad Request", "keyHash: the key's SHA-256 as 64 lower-case hex digits");
        }
        return keyHash;
    }

    /**
     * The body as {@link LimitOverrides}, checked field by field so the admin learns which one to fix (a misspelt
     * field is an error, not silently a default).
     */
    private static LimitOverrides overrides(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalidLimits("the body must be a JSON object of limits");
        }
        List<String> errors = new ArrayList<>();
        body.properties().forEach(field -> {
            if (!LIMIT_FIELDS.contains(field.getKey())) {
                errors.add(field.getKey() + ": unknown; limits are " + String.join(", ", LIMIT_FIELDS.stream().sorted().toList()));
            }
        });
        Integer perMinute = count(body, "submissionsPerMinute", errors);
        Integer burst = count(body, "submissionBurst", errors);
        Integer maxQueued = count(body, "maxQueued", errors);
        Integer regenerations = count(body, "regenerationsPerHour", errors);
        Double budget = null;
        JsonNode budgetNode = body.path("monthlyBudgetUsd");
        if (!budgetNode.isMissingNode() && !budgetNode.isNull()) {
            if (!budgetNode.isNumber() || budgetNode.doubleValue() < 0 || !Double.isFinite(budgetNode.doubleValue())) {
                errors.add("monthlyBudgetUsd: must be null (the default), 0 (no budget) or a positive number of USD");
            } else {
                budget = budgetNode.doubleValue();
            }
        }
        if (!errors.isEmpty()) {
            throw invalidLimits(String.join("; ", errors));
        }
        return new LimitOverrides(perMinute, burst, maxQueued, regenerations, budget);
    }

    private static Integer count(JsonNode body, String field, List<String> errors) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            errors.add(field + ": must be null (the default), 0 (off) or a positive whole number");
            return null;
        }
        return value.intValue();
    }

    private static Map<String, Object> limitsView(String tenantId, LimitOverrides own, Limits now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tenantId", tenantId);
        view.put("overrides", own);
        view.put("limits", now);
        return view;
    }

    private static ErrorResponseException invalidLimits(String detail) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-limits", "Invalid limits", detail);
    }

    static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (type != null) {
            problem.setType(URI.create(PROBLEMS + type));
        }
        return new ErrorResponseException(status, problem, null);
    }
}
