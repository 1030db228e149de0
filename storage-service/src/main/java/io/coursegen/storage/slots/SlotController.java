package io.coursegen.storage.slots;

import io.coursegen.contracts.GatewayProof;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Internal: {@link TenantSlots} for limits a gateway enforces, so they hold across gateway instances as exports' does
 * across storage instances. A gateway takes one of the tenant's slots before it opens a progress stream, renews it
 * every third of the lease while the stream is open (holder and lease are the caller's to keep, as a {@link Slot}
 * keeps them in memory) and gives it back when the stream ends. The tenant is the one the gateway's proof names, and a
 * slot's id names its tenant, so a tenant reaches only its own slots; storage's own kinds (exports) are out of reach.
 */
@RestController
@RequestMapping("/internal/v1/slots")
class SlotController {

    static final String PROGRESS_STREAMS = "progress-streams";
    private static final Set<String> KINDS = Set.of(PROGRESS_STREAMS);
    /** A take that finds every slot held tries each of them in turn, one MongoDB round trip apiece. */
    static final int MAX_LIMIT = 100;
    /** At least 3 s so that renewals, every third of it, are a second apart; at most 10 minutes for a crashed holder. */
    static final long MIN_LEASE_SECONDS = 3;
    static final long MAX_LEASE_SECONDS = 600;
    private static final Pattern SLOT_INDEX = Pattern.compile("[0-9]{1,3}");
    private static final String PROBLEMS = "https://coursegen.io/problems/";

    /** The answer to a take: everything the holder needs to renew and give the slot back. */
    record TakenSlot(String id, String holder, long leaseSeconds) {
    }

    private final TenantSlots slots;

    SlotController(TenantSlots slots) {
        this.slots = slots;
    }

    /** 201 with the slot, or 429 when all {@code limit} of the tenant's slots of this kind are held. */
    @PostMapping("/{kind}")
    Mono<ResponseEntity<TakenSlot>> take(@RequestHeader(GatewayProof.TENANT_HEADER) String tenantId,
            @PathVariable String kind, @RequestParam int limit, @RequestParam long leaseSeconds) {
        return Mono.defer(() -> {
            tenant(tenantId);
            if (!KINDS.contains(kind)) {
                throw badRequest("Slots of kind " + kind + " cannot be taken here; kinds: " + KINDS);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw badRequest("limit must be 1-" + MAX_LIMIT);
            }
            Duration lease = lease(leaseSeconds);
            return slots.take(kind, tenantId, limit, lease)
                    .map(slot -> ResponseEntity.created(URI.create("/internal/v1/slots/" + slot.id()))
                            .body(new TakenSlot(slot.id(), slot.holder(), leaseSeconds)))
                    .switchIfEmpty(Mono.error(() -> problem(HttpStatus.TOO_MANY_REQUESTS, "slots-taken",
                            "All slots taken", "All " + limit + " of your " + kind + " slots are held")));
        });
    }

    /** 204 while {@code holder} has the slot, now held for {@code leaseSeconds} more; 410 once it has not. */
    @PutMapping("/{id}")
    Mono<ResponseEntity<Void>> renew(@RequestHeader(GatewayProof.TENANT_HEADER) String tenantId,
            @PathVariable String id, @RequestParam String holder, @RequestParam long leaseSeconds) {
        return Mono.defer(() -> {
            ownSlot(tenantId, id);
            return slots.renew(id, holder, lease(leaseSeconds))
                    .map(held -> {
                        if (!held) {
                            throw problem(HttpStatus.GONE, "slot-gone", "Slot gone", "Slot " + id
                                    + " is no longer yours: it was given back, or its lease ended and it was taken");
                        }
                        return ResponseEntity.noContent().build();
                    });
        });
    }

    /** 204 whether or not {@code holder} still had the slot, so a repeated or late release is harmless. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> release(@RequestHeader(GatewayProof.TENANT_HEADER) String tenantId,
            @PathVariable String id, @RequestParam String holder) {
        return Mono.defer(() -> {
            ownSlot(tenantId, id);
            return slots.release(id, holder).thenReturn(ResponseEntity.noContent().build());
        });
    }

    private static void tenant(String tenantId) {
        if (tenantId.isBlank()) {
            throw badRequest("The " + GatewayProof.TENANT_HEADER + " header is empty");
        }
    }

    /** An id of this API's kinds that names the caller ({@code <kind>:<tenant>:<i>}); anything else is a 404. */
    private static void ownSlot(String tenantId, String id) {
        tenant(tenantId);
        String index = KINDS.stream()
                .map(kind -> kind + ":" + tenantId + ":")
                .filter(id::startsWith)
                .map(prefix -> id.substring(prefix.length()))
                .findFirst()
                .orElse("");
        if (!SLOT_INDEX.matcher(index).matches()) {
            throw problem(HttpStatus.NOT_FOUND, null, "Not Found", "No slot " + id);
        }
    }

    private static Duration lease(long seconds) {
        if (seconds < MIN_LEASE_SECONDS || seconds > MAX_LEASE_SECONDS) {
            throw badRequest("leaseSeconds must be " + MIN_LEASE_SECONDS + "-" + MAX_LEASE_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }

    private static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, null, "Bad Request", detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (type != null) {
            problem.setType(URI.create(PROBLEMS + type));
        }
        return new ErrorResponseException(status, problem, null);
    }
}
