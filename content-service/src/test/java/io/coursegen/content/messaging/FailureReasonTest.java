package io.coursegen.content.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.llm.InvalidAnswerException;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void isTheRootCausesMessage() {
        Exception wrapped = new IllegalStateException("listener failed",
                new RuntimeException("outer", new IllegalArgumentException("expected exactly 3 lessons but got 2")));

        assertThat(FailureReason.of(wrapped)).isEqualTo("expected exactly 3 lessons but got 2");
    }

    @Test
    void isWhatWasWrongWithTheModelsAnswerRatherThanTheParsersComplaint() {
        Exception wrapped = new IllegalStateException("listener failed", new InvalidAnswerException(
                "The model's answer is not a valid GeneratedLesson: Unexpected end-of-input", "{\"title\": ",
                new IllegalArgumentException("Unexpected end-of-input at [Source: REDACTED; line: 1, column: 11]")));

        assertThat(FailureReason.of(wrapped))
                .isEqualTo("The model's answer is not a valid GeneratedLesson: Unexpected end-of-input");
    }

    @Test
    void fitsOnOneShortLine() {
        String reason = FailureReason.of(new RuntimeException("line one\n\tline two " + "x".repeat(1000)));

        assertThat(reason).startsWith("line one line two x").doesNotContain("\n").hasSize(FailureReason.MAX_LENGTH);
    }

    @Test
    void namesTheErrorWhenItHasNoMessage() {
        assertThat(FailureReason.of(new RuntimeException(new NullPointerException()))).isEqualTo("NullPointerException");
    }
}
