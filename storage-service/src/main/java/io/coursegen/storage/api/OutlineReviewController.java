package io.coursegen.storage.api;

import static io.coursegen.storage.api.CourseController.TENANT_HEADER;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.storage.course.Estimate;
import io.coursegen.storage.review.OutlineReviews;
import io.coursegen.storage.review.ReviewOutcome;
import io.coursegen.storage.review.ReviewedOutline;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A course's outline in review ({@code storage.review}): read it with its revision as the ETag, save an edit with
 * {@code If-Match}, approve it. Another tenant's course is 404 like every read.
 */
@RestController
@RequestMapping("/api/v1/courses")
class OutlineReviewController {

    private final OutlineReviews reviews;

    OutlineReviewController(OutlineReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/{courseId}/outline")
    Mono<ResponseEntity<ReviewedOutline>> outline(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId) {
        return reviews.read(tenant(tenantId), courseId).map(outcome -> answer(courseId, outcome, false));
    }

    @PutMapping("/{courseId}/outline")
    Mono<ResponseEntity<ReviewedOutline>> edit(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody OutlineDraft edited) {
        return reviews.edit(tenant(tenantId), courseId, revision(ifMatch), edited)
                .map(outcome -> answer(courseId, outcome, false));
    }

    /** 202: the approved outline is generated once admission gives the course a place. */
    @PostMapping("/{courseId}/approve")
    Mono<ResponseEntity<ApprovedOutline>> approve(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return reviews.approve(tenant(tenantId), courseId, ifMatch == null ? null : revision(ifMatch))
                .map(outcome -> {
                    ReviewedOutline approved = answer(courseId, outcome, true).getBody();
                    return ResponseEntity.accepted().eTag(etag(approved.revision()))
                            .body(new ApprovedOutline(courseId, approved.status(), approved.revision(),
                                    approved.estimate()));
                });
    }

    /** The answer to an approval: the course waits for admission with this outline revision. */
    record ApprovedOutline(String courseId, CourseStatus status, int revision, Estimate estimate) {
    }

    private static ResponseEntity<ReviewedOutline> answer(String courseId, ReviewOutcome outcome, boolean approving) {
        return switch (outcome.result()) {
            case DONE -> ResponseEntity.ok().eTag(etag(outcome.outline().revision())).body(outcome.outline());
            case COURSE_NOT_FOUND -> throw new CourseNotFoundException(courseId);
            case NOT_OUTLINED_YET -> throw OutlineReviewProblem.notOutlinedYet(outcome.courseStatus());
            case NOT_IN_REVIEW -> throw OutlineReviewProblem.notInReview(outcome.courseStatus());
            case REVISION_REQUIRED -> throw OutlineReviewProblem.revisionRequired();
            case STALE_REVISION -> throw OutlineReviewProblem.stale(outcome.currentRevision());
            case INVALID_OUTLINE -> throw OutlineReviewProblem.invalid(outcome.problems());
            case OVER_BUDGET -> throw new RegenerationLimitException(outcome.refusal());
        };
    }

    private static String etag(int revision) {
        return "\"" + revision + "\"";
    }

    /**
     * The revision an {@code If-Match} names ({@code "3"}, also weak or unquoted); null without the header. A value
     * that names no revision (such as {@code *}) matches none: 412, never a silent overwrite.
     */
    private static Integer revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String tenant(String tenantId) {
        if (tenantId.isBlank()) {
            throw new BadRequestException("Header " + TENANT_HEADER + " must not be blank");
        }
        return tenantId;
    }
}
