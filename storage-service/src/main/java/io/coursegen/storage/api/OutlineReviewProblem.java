package io.coursegen.storage.api;

import io.coursegen.contracts.CourseStatus;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The problems of an outline review request, each with a type of its own so a client can act on it. */
class OutlineReviewProblem extends TypedProblem {

    private OutlineReviewProblem(HttpStatus status, String type, String title, String detail,
            Map<String, Object> properties) {
        super(status, type, title, detail, properties);
    }

    static OutlineReviewProblem notOutlinedYet(CourseStatus status) {
        return new OutlineReviewProblem(HttpStatus.CONFLICT, "not-outlined-yet", "Not outlined yet",
                "Course is " + status + "; its outline is not written yet", Map.of("courseStatus", status.name()));
    }

    static OutlineReviewProblem notInReview(CourseStatus status) {
        return new OutlineReviewProblem(HttpStatus.CONFLICT, "not-awaiting-review", "Not awaiting review",
                "Course is " + status + "; only the outline of a course requested with review \"outline\" can be "
                        + "edited or approved, while it is OUTLINE_READY", Map.of("courseStatus", status.name()));
    }

    static OutlineReviewProblem revisionRequired() {
        return new OutlineReviewProblem(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", "If-Match required",
                "Name the outline revision you edited in If-Match (the ETag of GET .../outline), so an edit made "
                        + "meanwhile is not overwritten", Map.of());
    }

    static OutlineReviewProblem stale(int currentRevision) {
        return new OutlineReviewProblem(HttpStatus.PRECONDITION_FAILED, "stale-outline", "Outline changed",
                "The outline is at revision " + currentRevision + " now; read it again and apply your change to that",
                Map.of("currentRevision", currentRevision));
    }

    static OutlineReviewProblem invalid(List<String> problems) {
        return new OutlineReviewProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-outline", "Invalid outline",
                "The outline breaks " + problems.size() + (problems.size() == 1 ? " rule" : " rules"),
                Map.of("errors", problems.stream().map(problem -> Map.of("field", "outline", "message", problem))
                        .toList()));
    }
}
