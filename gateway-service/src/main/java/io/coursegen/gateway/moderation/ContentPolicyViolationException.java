package io.coursegen.gateway.moderation;

import io.coursegen.llm.moderation.Verdict;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A text of the request breaks the content policy: {@code 422}, type {@value #TYPE}, with {@code categories} (all of
 * them) and {@code errors} (each flagged field and its categories). The text itself is not echoed.
 */
public class ContentPolicyViolationException extends ErrorResponseException {

    public static final String TYPE = "https://coursegen.io/problems/content-policy";

    private final List<String> reasons;

    ContentPolicyViolationException(Verdict verdict, List<ContentPolicy.Field> fields) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(verdict, fields), null);
        this.reasons = verdict.flags().stream()
                .map(flag -> "content-policy: " + String.join(", ", flag.categories()) + " in " + fields.get(flag.index()).name())
                .toList();
    }

    /** One line per flagged field, {@code content-policy: violence in topic}: a Kafka rejection's reasons. */
    public List<String> reasons() {
        return reasons;
    }

    private static ProblemDetail problem(Verdict verdict, List<ContentPolicy.Field> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The request breaks the content policy (" + String.join(", ", verdict.categories()) + ") in "
                        + String.join(", ", ContentPolicy.flaggedFields(verdict, fields))
                        + "; nothing was stored or generated");
        problem.setType(URI.create(TYPE));
        problem.setTitle("Content policy");
        problem.setProperty("categories", verdict.categories());
        problem.setProperty("errors", verdict.flags().stream()
                .map(flag -> Map.of("field", fields.get(flag.index()).name(),
                        "message", "flagged by the content policy: " + flag.categories().stream().collect(Collectors.joining(", "))))
                .toList());
        return problem;
    }
}
