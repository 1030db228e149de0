package io.coursegen.storage.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No such course for this tenant: the same answer whether it does not exist or belongs to someone else. */
class CourseNotFoundException extends ErrorResponseException {

    CourseNotFoundException(String courseId) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No course " + courseId), null);
    }
}
