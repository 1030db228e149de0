package io.coursegen.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One tenant's submission latency while another is over its limits: the quiet tenant submits at a steady rate
 * (open loop, so its latency is not hidden by waiting for itself); in alternating windows the noisy tenant, limited
 * to a small rate, submits at a rate far above it (open loop too: an abusive client does not wait for its 429s) and
 * is answered 429. The load generator runs on the same machine, so its own work for the noisy requests slows the
 * quiet tenant too; a third window sends the same noisy load to a bare endpoint in the same JVM that the platform
 * never sees, which measures that share. Alone, beside the refused tenant and beside the bare load alternate in each
 * round, so drift on a shared machine falls on all three.
 */
final class TenantIsolation {

    private final HttpClient http;
    private final ExecutorService executor;

    TenantIsolation(HttpClient http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * @param quiet a request of the quiet tenant (a new course each time)
     * @param noisy a request of the noisy tenant
     */
    Result measure(HttpRequest quiet, HttpRequest noisy, HttpRequest bare, double quietPerSecond, double noisyPerSecond,
            Duration window, int rounds) throws Exception {
        List<Long> alone = new ArrayList<>();
        List<Long> beside = new ArrayList<>();
        List<Long> besideBare = new ArrayList<>();
        Map<String, Long> quietOutcomes = new TreeMap<>();
        Map<String, Long> noisyOutcomes = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            Paced aloneWindow = paced(quiet, quietPerSecond, window);
            alone.addAll(aloneWindow.latencies);
            aloneWindow.outcomes.forEach((outcome, count) -> quietOutcomes.merge(outcome, count.sum(), Long::sum));

            CompletableFuture<Paced> hammering = CompletableFuture.supplyAsync(() -> {
                try {
                    return paced(noisy, noisyPerSecond, window);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }, executor);
            Paced besideWindow = paced(quiet, quietPerSecond, window);
            beside.addAll(besideWindow.latencies);
            besideWindow.outcomes.forEach((outcome, count) -> quietOutcomes.merge(outcome, count.sum(), Long::sum));
            hammering.get(window.toSeconds() + 60, TimeUnit.SECONDS).outcomes
                    .forEach((outcome, count) -> noisyOutcomes.merge(outcome, count.sum(), Long::sum));

            CompletableFuture<Paced> elsewhere = CompletableFuture.supplyAsync(() -> {
                try {
                    return paced(bare, noisyPerSecond, window);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }, executor);
            Paced besideBareWindow = paced(quiet, quietPerSecond, window);
            besideBare.addAll(besideBareWindow.latencies);
            besideBareWindow.outcomes.forEach((outcome, count) -> quietOutcomes.merge(outcome, count.sum(), Long::sum));
            elsewhere.get(window.toSeconds() + 60, TimeUnit.SECONDS);
        }
        return new Result(nanos(alone), nanos(beside), nanos(besideBare), quietOutcomes, noisyOutcomes);
    }

    private static long[] nanos(List<Long> latencies) {
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    /** Sends one request every 1/rate seconds for the window and waits for the answers. */
    private Paced paced(HttpRequest request, double perSecond, Duration window) throws InterruptedException {
        // a pacer thread of its own per stream: one stream's ticks never wait behind the other's
        Paced paced = new Paced();
        long periodNanos = (long) (1e9 / perSecond);
        long count = window.toNanos() / periodNanos;
        List<CompletableFuture<?>> answers = new ArrayList<>();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        var ticking = ticks.scheduleAtFixedRate(() -> {
            long sent = System.nanoTime();
            synchronized (answers) {
                if (answers.size() >= count) {
                    return;
                }
                answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    String outcome = error != null ? error.getClass().getSimpleName() : String.valueOf(response.statusCode());
                    paced.outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
                    if (error == null && response.statusCode() == 202) {
                        paced.latencies.add(System.nanoTime() - sent);
                    }
                }));
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(window.toMillis());
        ticking.cancel(false);
        ticks.shutdown();
        CompletableFuture<?>[] all;
        synchronized (answers) {
            all = answers.toArray(CompletableFuture[]::new);
        }
        CompletableFuture.allOf(all).exceptionally(error -> null).orTimeout(30, TimeUnit.SECONDS).join();
        return paced;
    }

    private static final class Paced {
        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    }

    /**
     * @param aloneNanos      the quiet tenant's accepted submissions while the other was idle
     * @param besideNanos     the same while the other tenant was being refused
     * @param besideBareNanos the same while the same load went to a bare endpoint the platform never sees
     */
    record Result(long[] aloneNanos, long[] besideNanos, long[] besideBareNanos, Map<String, Long> quietOutcomes,
                  Map<String, Long> noisyOutcomes) {

        double aloneP95Millis() {
            return Percentiles.of(aloneNanos).percentile(95) / 1e6;
        }

        double besideP95Millis() {
            return Percentiles.of(besideNanos).percentile(95) / 1e6;
        }

        double besideBareP95Millis() {
            return Percentiles.of(besideBareNanos).percentile(95) / 1e6;
        }
    }

    /** {@code PUT /admin/v1/tenants/{id}/limits} as an operator sends it. */
    static HttpRequest limits(String gatewayUrl, String adminKey, String tenant, String body) {
        return HttpRequest.newBuilder(URI.create(gatewayUrl + "/admin/v1/tenants/" + tenant + "/limits"))
                .header("X-Admin-Key", adminKey)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
