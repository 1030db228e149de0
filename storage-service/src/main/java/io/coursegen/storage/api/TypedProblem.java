package io.coursegen.storage.api;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A problem with a type of its own ({@code https://coursegen.io/problems/<type>}), so a client can act on it without
 * reading the detail; the review, edit and lesson-change problems are made of it.
 */
class TypedProblem extends ErrorResponseException {

    private static final String TYPES = "https://coursegen.io/problems/";

    TypedProblem(HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
        super(status, problem(status, type, title, detail, properties), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
            Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
