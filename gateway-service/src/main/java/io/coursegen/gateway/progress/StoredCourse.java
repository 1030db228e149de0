package io.coursegen.gateway.progress;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.coursegen.contracts.CourseStatus;
import java.time.Instant;

/** The part of storage-service's course document that a progress snapshot needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
record StoredCourse(CourseStatus status, Progress progress, String error, Instant updatedAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Progress(int partsDone, int partsTotal) {
    }
}
