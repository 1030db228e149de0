package io.coursegen.storage.assembly;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.storage.course.StoredCourse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code course.status} snapshot of a completed course tells integrating teams, so they need no read to
 * show or fetch it: title, description, language, lesson count, and the gateway paths of the course and of each
 * export. Paths are relative because only the gateway knows its public address.
 */
public final class CourseSummaries {

    /** The export formats storage-service serves ({@code GET /api/v1/courses/{id}/export?format=...}). */
    static final List<String> EXPORT_FORMATS = List.of("json", "markdown", "html", "scorm12");

    private CourseSummaries() {
    }

    /** The summary of a completed course; null for every other status. */
    public static CourseStatusChanged.Summary of(StoredCourse course) {
        if (course.status() != CourseStatus.COMPLETED || course.outline() == null) {
            return null;
        }
        String path = "/api/v1/courses/" + course.courseId();
        Map<String, String> exports = new LinkedHashMap<>();
        EXPORT_FORMATS.forEach(format -> exports.put(format, path + "/export?format=" + format));
        int lessonCount = course.lessons() == null || course.lessons().isEmpty()
                ? course.spec().lessonCount() : course.lessons().size();
        return new CourseStatusChanged.Summary(course.outline().title(), course.outline().description(),
                course.spec().language(), lessonCount, new CourseStatusChanged.Links(path, Map.copyOf(exports)));
    }
}
