package io.coursegen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on. */
record Machine(int cores, String cpuModel, double memoryGib, String jdk, String os) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                field(Path.of("/proc/cpuinfo"), "model name"),
                kib(field(Path.of("/proc/meminfo"), "MemTotal")) / 1024.0 / 1024.0,
                System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    String text() {
        return String.format(Locale.ROOT, "%d cores (`nproc`; %s), %.1f GiB memory (/proc/meminfo MemTotal), %s, %s",
                cores, cpuModel, memoryGib, jdk, os);
    }

    private static String field(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(line -> line.startsWith(name)).map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double kib(String value) {
        try {
            return Long.parseLong(value.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
