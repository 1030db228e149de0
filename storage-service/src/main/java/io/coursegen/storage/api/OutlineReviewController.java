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
        return reviews.edit(tenant(tenantId), courseId, EntityTags.revision(ifMatch), edited)
                .map(outcome -> answer(courseId, outcome, false));
    }

    /** 202: the approved outline is generated once admission gives the course a place. */
    @PostMapping("/{courseId}/approve")
    Mono<ResponseEntity<ApprovedOutline>> approve(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return reviews.approve(tenant(tenantId), courseId, EntityTags.revision(ifMatch))
                .map(outcome -> {
                    ReviewedOutline approved = answer(courseId, outcome, true).getBody();
                    return ResponseEntity.accepted().eTag(EntityTags.of(approved.revision()))
                            .body(new ApprovedOutline(courseId, approved.status(), approved.revision(),
                                    approved.estimate()));
                });
    }

    /** The answer to an approval: the course waits for admission with this outline revision. */
    record ApprovedOutline(String courseId, CourseStatus status, int revision, Estimate estimate) {
    }

    private static ResponseEntity<ReviewedOutline> answer(String courseId, ReviewOutcome outcome, boolean approving) {
        return switch (outcome.result()) {
            case DONE -> ResponseEntity.ok().eTag(EntityTags.of(outcome.outline().revision())).body(outcome.outline());
            case COURSE_NOT_FOUND -> throw new CourseNotFoundException(courseId);
            case NOT_OUTLINED_YET -> throw OutlineReviewProblem.notOutlinedYet(outcome.courseStatus());
            case NOT_IN_REVIEW -> throw OutlineReviewProblem.notInReview(outcome.courseStatus());
            case REVISION_REQUIRED -> throw OutlineReviewProblem.revisionRequired();
            case STALE_REVISION -> throw OutlineReviewProblem.stale(outcome.currentRevision());
            case INVALID_OUTLINE -> throw OutlineReviewProblem.invalid(outcome.problems());
            case OVER_BUDGET -> throw new RegenerationLimitException(outcome.refusal());
        };
    }

    private static String tenant(String tenantId) {
        if (tenantId.isBlank()) {
            throw new BadRequestException("Header " + TENANT_HEADER + " must not be blank");
        }
        return tenantId;
    }
}
