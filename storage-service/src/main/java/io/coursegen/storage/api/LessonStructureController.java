package io.coursegen.storage.api;

import static io.coursegen.storage.api.CourseController.TENANT_HEADER;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.restructuring.CourseRestructuring;
import io.coursegen.storage.restructuring.CourseRestructuring.NewLesson;
import io.coursegen.storage.restructuring.RestructuringOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Adding a lesson to a completed course (202: it is written and drawn, the course GENERATING until both land) and
 * removing one (204), see {@code storage.restructuring}. Another tenant's course is 404 like every read.
 */
@RestController
@RequestMapping("/api/v1/courses/{courseId}/lessons")
class LessonStructureController {

    private final CourseRestructuring restructuring;

    LessonStructureController(CourseRestructuring restructuring) {
        this.restructuring = restructuring;
    }

    @PostMapping
    Mono<ResponseEntity<AddedLesson>> add(@RequestHeader(TENANT_HEADER) String tenantId, @PathVariable String courseId,
            @RequestBody NewLesson lesson) {
        return restructuring.add(tenant(tenantId), courseId, lesson).map(added -> {
            if (added.refusal() != null) {
                throw new RegenerationLimitException(added.refusal());
            }
            RestructuringOutcome outcome = added.outcome();
            check(courseId, null, outcome);
            return ResponseEntity.accepted().body(new AddedLesson(courseId, outcome.lessonId(), outcome.courseStatus()));
        });
    }

    /** The answer to an addition: the new lesson's id, and the course GENERATING it. */
    record AddedLesson(String courseId, String lessonId, CourseStatus status) {
    }

    @DeleteMapping("/{lessonId}")
    Mono<ResponseEntity<Void>> remove(@RequestHeader(TENANT_HEADER) String tenantId, @PathVariable String courseId,
            @PathVariable String lessonId) {
        return restructuring.remove(tenant(tenantId), courseId, lessonId).map(outcome -> {
            check(courseId, lessonId, outcome);
            return ResponseEntity.noContent().<Void>build();
        });
    }

    private static void check(String courseId, String lessonId, RestructuringOutcome outcome) {
        switch (outcome.result()) {
            case DONE -> { }
            case COURSE_NOT_FOUND -> throw new CourseNotFoundException(courseId);
            case LESSON_NOT_FOUND -> throw new LessonNotFoundException(courseId, lessonId);
            case NOT_COMPLETED -> throw LessonChangeProblem.notCompleted(outcome.courseStatus());
            case INVALID -> throw LessonChangeProblem.invalid(outcome.problems());
        }
    }

    private static String tenant(String tenantId) {
        if (tenantId.isBlank()) {
            throw new BadRequestException("Header " + TENANT_HEADER + " must not be blank");
        }
        return tenantId;
    }
}
