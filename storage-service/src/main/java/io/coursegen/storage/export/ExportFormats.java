package io.coursegen.storage.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The export formats by name, in the order they are listed to clients (each exporter's {@code @Order}). */
@Component
class ExportFormats {

    private final Map<String, CourseExporter> byName = new LinkedHashMap<>();

    ExportFormats(List<CourseExporter> exporters) {
        for (CourseExporter exporter : exporters) {
            if (byName.putIfAbsent(exporter.format(), exporter) != null) {
                throw new IllegalStateException("Two exporters for format " + exporter.format());
            }
        }
    }

    /** @throws UnknownExportFormatException if {@code name} is missing or names no format */
    CourseExporter get(String name) {
        CourseExporter exporter = name == null ? null : byName.get(name.strip().toLowerCase(Locale.ROOT));
        if (exporter == null) {
            throw new UnknownExportFormatException(name, names());
        }
        return exporter;
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
