package io.coursegen.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** This JVM's resident memory (Linux {@code /proc/self/status}) and CPU time, as a whole and per kind of thread. */
final class ProcessResources {

    private static final Path STATUS = Path.of("/proc/self/status");

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** Everything about this process's CPU use at one moment. */
    Snapshot snapshot() {
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, collector.getCollectionTime());
            gcCount += Math.max(0, collector.getCollectionCount());
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        Map<Long, ThreadCpu> threadCpu = threadCpu();
        return new Snapshot(processCpuNanos(), threadCpu, gcMillis, gcCount,
                jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1);
    }

    /** Resident set size in MiB ({@code VmRSS}), NaN where there is no /proc. */
    double residentMib() {
        return statusMib("VmRSS:");
    }

    /** The highest resident set size so far ({@code VmHWM}). */
    double peakResidentMib() {
        return statusMib("VmHWM:");
    }

    /** CPU time of the whole process (all threads, GC and JIT included), in nanoseconds. */
    long processCpuNanos() {
        return os.getProcessCpuTime();
    }

    /** CPU nanoseconds of every live thread, keyed by thread id, with its name. */
    Map<Long, ThreadCpu> threadCpu() {
        Map<Long, ThreadCpu> snapshot = new HashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu >= 0) {
                snapshot.put(ids[i], new ThreadCpu(infos[i].getThreadName(), cpu));
            }
        }
        return snapshot;
    }

    /**
     * CPU seconds per kind of thread between two snapshots, largest first; the rest of the process's CPU time (GC,
     * JIT compiler, threads that ended) is reported as one line.
     */
    static Map<String, Double> cpuByKind(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, long processCpuNanos,
            int top) {
        Map<String, Long> byKind = new HashMap<>();
        long threadTotal = 0;
        for (Map.Entry<Long, ThreadCpu> entry : after.entrySet()) {
            ThreadCpu earlier = before.get(entry.getKey());
            long delta = entry.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
            threadTotal += delta;
            byKind.merge(kind(entry.getValue().name()), delta, Long::sum);
        }
        List<Map.Entry<String, Long>> sorted = byKind.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        Map<String, Double> result = new LinkedHashMap<>();
        long shown = 0;
        for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(top, sorted.size()))) {
            result.put(entry.getKey(), entry.getValue() / 1e9);
            shown += entry.getValue();
        }
        result.put("other Java threads", (threadTotal - shown) / 1e9);
        result.put("JVM (GC, JIT) and threads that ended", Math.max(0, processCpuNanos - threadTotal) / 1e9);
        return result;
    }

    /** A thread's name without its counters, so that the threads of one pool or one client add up. */
    static String kind(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }

    /** Samples the resident size until closed and remembers the highest value. */
    AutoCloseableSampler sampleResident() {
        return new AutoCloseableSampler();
    }

    private static double statusMib(String field) {
        if (!Files.isReadable(STATUS)) {
            return Double.NaN;
        }
        try {
            return Files.readAllLines(STATUS).stream().filter(line -> line.startsWith(field))
                    .map(line -> line.substring(field.length()).trim().split("\\s+")[0])
                    .map(kb -> Long.parseLong(kb) / 1024.0)
                    .findFirst().orElse(Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record ThreadCpu(String name, long nanos) {
    }

    record Snapshot(long processCpuNanos, Map<Long, ThreadCpu> threads, long gcMillis, long gcCount, long jitMillis) {

        /** CPU seconds of the process from this snapshot to {@code later}. */
        double cpuSecondsUntil(Snapshot later) {
            return (later.processCpuNanos - processCpuNanos) / 1e9;
        }

        /** Where the CPU time went, and the collector's and compiler's share, as one line of text. */
        String describeUntil(Snapshot later) {
            return ProcessResources.describe(cpuByKind(threads, later.threads, later.processCpuNanos - processCpuNanos, 8))
                    + String.format(java.util.Locale.ROOT, " (meanwhile %d collections pausing %d ms in all; JIT compiling %d ms)",
                    later.gcCount - gcCount, later.gcMillis - gcMillis, later.jitMillis - jitMillis);
        }
    }

    final class AutoCloseableSampler implements AutoCloseable {

        private final AtomicLong highestKib = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-rss-sampler");
            thread.setDaemon(true);
            return thread;
        });

        private AutoCloseableSampler() {
            timer.scheduleAtFixedRate(() -> highestKib.accumulateAndGet((long) (residentMib() * 1024), Math::max),
                    0, 250, TimeUnit.MILLISECONDS);
        }

        double highestMib() {
            return highestKib.get() / 1024.0;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    static String describe(Map<String, Double> cpu) {
        return cpu.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("; "));
    }
}
