package io.coursegen.storage.export;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 400 problem that lists the formats there are, in its detail and as {@code formats}. */
class UnknownExportFormatException extends ErrorResponseException {

    UnknownExportFormatException(String given, List<String> formats) {
        super(HttpStatus.BAD_REQUEST, problem(given, formats), null);
    }

    private static ProblemDetail problem(String given, List<String> formats) {
        String choices = String.join(", ", formats);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                given == null || given.isBlank()
                        ? "Query parameter format is required; one of " + choices
                        : "format must be one of " + choices);
        problem.setProperty("formats", formats);
        return problem;
    }
}
