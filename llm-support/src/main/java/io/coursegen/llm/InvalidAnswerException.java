package io.coursegen.llm;

/** The model answered, but not with what was asked for. The answer text is kept for the repair prompt and logs at DEBUG. */
public class InvalidAnswerException extends RuntimeException {

    private final String answer;

    public InvalidAnswerException(String message, String answer, Throwable cause) {
        super(message, cause);
        this.answer = answer;
    }

    public String answer() {
        return answer;
    }
}
