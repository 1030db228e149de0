package io.coursegen.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A closed-loop load: each virtual user sends a request, waits for its answer, and sends the next at once. Answers
 * to requests sent during the warm-up are not counted; the window ends after {@code duration}, and requests still
 * in flight then are awaited but not counted.
 */
final class ClosedLoopLoad {

    private final HttpClient client;
    private final Executor retries;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();

    private ClosedLoopLoad(HttpClient client, Executor retries) {
        this.client = client;
        this.retries = retries;
    }

    /** @param executor where a user continues after a failed request, so failures cannot nest calls without end */
    static Result run(HttpClient client, Executor executor, Supplier<HttpRequest> requests, int users, Duration warmup,
            Duration duration) throws InterruptedException {
        return new ClosedLoopLoad(client, executor).run(requests, users, warmup, duration);
    }

    private Result run(Supplier<HttpRequest> requests, int users, Duration warmup, Duration duration)
            throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(users);
        List<VirtualUser> all = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            all.add(new VirtualUser(requests, measureFrom, measureUntil, finished));
        }
        all.forEach(VirtualUser::next);
        if (!finished.await(warmup.plus(duration).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Requests still unanswered 30 s after the load ended");
        }
        long[] latencies = all.stream().flatMap(user -> user.latencies.stream()).mapToLong(Long::longValue).toArray();
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counted.put(outcome, count.sum()));
        return new Result(latencies, duration, counted, failures.sum());
    }

    /** One user's loop; its callbacks run one after another, so its own list needs no locking. */
    private final class VirtualUser {

        private final Supplier<HttpRequest> requests;
        private final long measureFrom;
        private final long measureUntil;
        private final CountDownLatch finished;
        private final List<Long> latencies = new ArrayList<>();

        VirtualUser(Supplier<HttpRequest> requests, long measureFrom, long measureUntil, CountDownLatch finished) {
            this.requests = requests;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.finished = finished;
        }

        void next() {
            long sent = System.nanoTime();
            if (sent >= measureUntil) {
                finished.countDown();
                return;
            }
            client.sendAsync(requests.get(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long answered = System.nanoTime();
                boolean accepted = error == null && response.statusCode() == 202;
                if (sent >= measureFrom && answered <= measureUntil) {
                    String outcome = error != null ? error.getClass().getSimpleName() : String.valueOf(response.statusCode());
                    outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
                    if (accepted) {
                        latencies.add(answered - sent);
                    } else {
                        failures.increment();
                    }
                }
                if (accepted) {
                    next();
                } else {
                    retries.execute(this::next);
                }
            });
        }
    }

    /**
     * @param latencies nanoseconds of every accepted (202) request answered in the window
     * @param outcomes  status code (or exception name) to count, within the window
     * @param failures  answers other than 202, within the window
     */
    record Result(long[] latencies, Duration window, Map<String, Long> outcomes, long failures) {

        double perSecond() {
            return latencies.length / (window.toNanos() / 1e9);
        }

        double percentileMillis(double percent) {
            return latencies.length == 0 ? Double.NaN : Percentiles.of(latencies).percentile(percent) / 1e6;
        }
    }
}
