package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureReasonsTest {

    static class ExplainedFailure extends RuntimeException {
        ExplainedFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void isTheRootCausesMessage() {
        Exception wrapped = new IllegalStateException("listener failed",
                new RuntimeException("outer", new IllegalArgumentException("expected exactly 3 lessons but got 2")));

        assertThat(FailureReasons.rootCause(wrapped)).isEqualTo("expected exactly 3 lessons but got 2");
    }

    @Test
    void prefersTheMessageOfAnExceptionThatExplainsTheFailureBetter() {
        Exception wrapped = new IllegalStateException("listener failed", new ExplainedFailure(
                "The model's answer is not a valid GeneratedOutline: Unexpected end-of-input",
                new IllegalArgumentException("Unexpected end-of-input at [Source: REDACTED; line: 1, column: 11]")));

        assertThat(FailureReasons.preferring(ExplainedFailure.class).apply(wrapped))
                .isEqualTo("The model's answer is not a valid GeneratedOutline: Unexpected end-of-input");
        assertThat(FailureReasons.preferring(ExplainedFailure.class).apply(new RuntimeException(new IllegalStateException("root"))))
                .isEqualTo("root");
    }

    @Test
    void fitsOnOneShortLine() {
        String reason = FailureReasons.rootCause(new RuntimeException("line one\n\tline two " + "x".repeat(1000)));

        assertThat(reason).startsWith("line one line two x").doesNotContain("\n").hasSize(FailureReasons.MAX_LENGTH).endsWith("…");
    }

    @Test
    void namesTheErrorWhenItHasNoMessage() {
        assertThat(FailureReasons.rootCause(new RuntimeException(new NullPointerException()))).isEqualTo("NullPointerException");
    }
}
