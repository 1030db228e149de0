package io.coursegen.llm;

import java.util.List;

/**
 * The model answered, but not with what was asked for, even after one repair. The message lists the
 * problems in a few words, because users read it as the reason a course part failed; the answer text is
 * kept for logs at DEBUG.
 */
public class InvalidAnswerException extends RuntimeException {

    private final String answer;
    private final List<String> problems;

    public InvalidAnswerException(String message, String answer, List<String> problems, Throwable cause) {
        super(message, cause);
        this.answer = answer;
        this.problems = List.copyOf(problems);
    }

    public String answer() {
        return answer;
    }

    /** What was still wrong with the last answer, in words a model (and a user) can act on. */
    public List<String> problems() {
        return problems;
    }
}
