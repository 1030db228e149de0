package io.coursegen.storage.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The tenant's course exists but its outline has no such lesson. */
class LessonNotFoundException extends ErrorResponseException {

    LessonNotFoundException(String courseId, String lessonId) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Course " + courseId + " has no lesson " + lessonId), null);
    }
}
