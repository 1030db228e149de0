package io.coursegen.storage.statusfeed;

import io.coursegen.contracts.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant status topics that exist, as this service's principal sees them (under ACLs a listing shows only the
 * topics it may describe, which WRITE implies: exactly the feeds it may fill), read through the Admin API and kept
 * for {@code refresh}. Asked from the listener threads; a listing older than {@code refresh} is read again by the
 * first thread that needs it.
 *
 * <p>Why the broker's topics and not a list of tenants in configuration: tenants are created at run time (the admin
 * API) and their topics by whoever provisions Kafka; the topic's existence is the one fact that decides whether a
 * send can succeed, and a second list would drift from it.
 */
class TenantStatusTopics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantStatusTopics.class);
    private static final Duration LISTING_TIMEOUT = Duration.ofSeconds(10);

    private record Listing(Set<String> topics, Instant readAt) {
    }

    private final Admin admin;
    private final Duration refresh;
    private final Clock clock;
    private volatile Listing listing;

    TenantStatusTopics(Admin admin, Duration refresh, Clock clock) {
        this.admin = admin;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** {@code course.status.<tenantId>} if it exists, else empty (also for an id that cannot name a topic). */
    Optional<String> of(String tenantId) {
        String topic;
        try {
            topic = Topics.courseStatusOf(tenantId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return current().topics().contains(topic) ? Optional.of(topic) : Optional.empty();
    }

    private Listing current() {
        Listing known = listing;
        if (known != null && !stale(known)) {
            return known;
        }
        synchronized (this) {
            known = listing;
            if (known == null || stale(known)) {
                known = read(known);
                listing = known;
            }
            return known;
        }
    }

    private boolean stale(Listing known) {
        return !clock.instant().isBefore(known.readAt().plus(refresh));
    }

    /**
     * A fresh listing. If the broker does not answer, the previous listing is kept for another period (logged); with
     * none yet, the failure is thrown to the listener, whose error handler retries the record.
     */
    private Listing read(Listing previous) {
        try {
            Set<String> topics = admin.listTopics().names().get(LISTING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream().filter(name -> name.startsWith(Topics.TENANT_COURSE_STATUS_PREFIX))
                    .collect(Collectors.toUnmodifiableSet());
            if (previous == null || !previous.topics().equals(topics)) {
                log.info("Tenant status topics: {}", topics);
            }
            return new Listing(topics, clock.instant());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (previous == null) {
                throw new IllegalStateException("Could not list the tenant status topics", cause);
            }
            log.warn("Could not list the tenant status topics, keeping the {} known: {}", previous.topics().size(),
                    cause.toString());
            return new Listing(previous.topics(), clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing the tenant status topics", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
