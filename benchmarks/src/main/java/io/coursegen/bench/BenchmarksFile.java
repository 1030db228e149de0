package io.coursegen.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps the latest results in one marked section of BENCHMARKS.md, leaving the hand-written text around it alone. */
final class BenchmarksFile {

    static final String BEGIN = "<!-- benchmark-results:begin (written by io.coursegen.bench.PlatformBenchmark) -->";
    static final String END = "<!-- benchmark-results:end -->";

    private BenchmarksFile() {
    }

    /** The document with its results section replaced by {@code section}, or the section appended if it has none. */
    static String withSection(String document, String section) {
        String marked = BEGIN + "\n" + section.strip() + "\n" + END;
        if (document == null || document.isBlank()) {
            return "# Benchmarks\n\n" + marked + "\n";
        }
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            return document.stripTrailing() + "\n\n" + marked + "\n";
        }
        return document.substring(0, begin) + marked + document.substring(end + END.length());
    }

    static void write(Path file, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        Files.writeString(file, withSection(existing, section), StandardCharsets.UTF_8);
    }
}
