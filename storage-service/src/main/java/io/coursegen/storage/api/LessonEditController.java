package io.coursegen.storage.api;

import static io.coursegen.storage.api.CourseController.TENANT_HEADER;

import io.coursegen.storage.api.CourseView.LessonView;
import io.coursegen.storage.editing.LessonEdit;
import io.coursegen.storage.editing.LessonEdits;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The owner's hand edit of a lesson of a completed course ({@code storage.editing}): 200 with the lesson as
 * {@code GET} shows it and its new revision as the ETag. Another tenant's course is 404 like every read.
 */
@RestController
@RequestMapping("/api/v1/courses")
class LessonEditController {

    private final LessonEdits edits;
    private final CourseViews views;

    LessonEditController(LessonEdits edits, CourseViews views) {
        this.edits = edits;
        this.views = views;
    }

    /**
     * 400 for an edit that changes nothing, 404 for an unknown course or lesson, 409 unless the course is COMPLETED,
     * 412 when {@code If-Match} names another revision than the one shown, 422 when the edited lesson breaks the
     * lesson rules.
     */
    @PatchMapping("/{courseId}/lessons/{lessonId}")
    Mono<ResponseEntity<LessonView>> edit(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId, @PathVariable String lessonId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) LessonEdit edit) {
        if (tenantId.isBlank()) {
            throw new BadRequestException("Header " + TENANT_HEADER + " must not be blank");
        }
        if (edit == null || edit.isEmpty()) {
            throw new BadRequestException("Nothing to edit: send at least one of markdown, keyTakeaways, quiz, "
                    + "picture.caption, picture.altText");
        }
        return edits.edit(tenantId, courseId, lessonId, EntityTags.revision(ifMatch), edit)
                // signing the picture URLs uses the blocking MinIO client
                .publishOn(Schedulers.boundedElastic())
                .map(outcome -> switch (outcome.result()) {
                    case EDITED -> ResponseEntity.ok().eTag(EntityTags.of(outcome.revision()))
                            .body(views.lesson(outcome.course(), lessonId));
                    case COURSE_NOT_FOUND -> throw new CourseNotFoundException(courseId);
                    case LESSON_NOT_FOUND -> throw new LessonNotFoundException(courseId, lessonId);
                    case NOT_EDITABLE -> throw LessonEditProblem.notEditable(outcome.courseStatus());
                    case STALE_REVISION -> throw LessonEditProblem.stale(outcome.revision());
                    case INVALID_LESSON -> throw LessonEditProblem.invalid(outcome.problems());
                });
    }
}
