package io.coursegen.storage.admission;

import io.coursegen.storage.admission.AdmissionRoom.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * This instance's view of {@code admission_waiting}, by tenant in the order courses were accepted. Reading the
 * collection costs a scan of every waiting course (thousands in a burst, and mongo-java-server holds the collection
 * while it scans), so a pass works from this view instead: courses accepted here join it at once, the collection is
 * read again every few seconds (courses another instance accepted appear then), and every admission is checked
 * against the course document, so a stale entry (admitted elsewhere, cancelled) costs a lookup and nothing else.
 */
final class WaitingQueue {

    private static final Comparator<Waiting> ACCEPTED_ORDER = Comparator.comparingLong(Waiting::order)
            .thenComparing(Waiting::courseId);

    private final Map<String, TreeSet<Waiting>> byTenant = new HashMap<>();
    /** Courses accepted here while the collection was being read, which that read may have missed. */
    private final List<Waiting> addedDuringRead = new ArrayList<>();
    private boolean reading;

    synchronized void add(Waiting entry) {
        byTenant.computeIfAbsent(entry.tenantId(), tenant -> new TreeSet<>(ACCEPTED_ORDER)).add(entry);
        if (reading) {
            addedDuringRead.add(entry);
        }
    }

    /** Call before reading the collection, then {@link #replaceWith} what was read. */
    synchronized void readStarts() {
        reading = true;
        addedDuringRead.clear();
    }

    synchronized void replaceWith(List<Waiting> read) {
        byTenant.clear();
        reading = false;
        read.forEach(this::add);
        addedDuringRead.forEach(this::add);
        addedDuringRead.clear();
    }

    /** By tenant with courses waiting: when its oldest began to wait. */
    synchronized Map<String, Instant> oldestByTenant() {
        Map<String, Instant> oldest = new HashMap<>();
        byTenant.forEach((tenant, entries) -> {
            if (!entries.isEmpty()) {
                oldest.put(tenant, entries.first().since());
            }
        });
        return oldest;
    }

    /** The tenant's oldest waiting course, taken out of the view; null if none. */
    synchronized Waiting poll(String tenant) {
        TreeSet<Waiting> entries = byTenant.get(tenant);
        Waiting next = entries == null ? null : entries.pollFirst();
        if (entries != null && entries.isEmpty()) {
            byTenant.remove(tenant);
        }
        return next;
    }

    synchronized int size() {
        return byTenant.values().stream().mapToInt(TreeSet::size).sum();
    }
}
