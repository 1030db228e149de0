package io.coursegen.image.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import io.coursegen.kafka.FailureReasons;
import io.coursegen.llm.InvalidAnswerException;
import io.coursegen.llm.moderation.FlaggedOutputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class PictureFailureReasonTest {

    private final PictureFailureReason reason = new PictureFailureReason();

    @Test
    void namesTheFailedStepAndTheModelServersStatusButNotItsText() {
        Exception cause = new ListenerExecutionFailedException("Listener failed",
                new PictureStepException("Drawing the picture", new InternalServerException(new HttpException(500,
                        "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"))));

        // the provider's text is logged under the error id, not shown to the tenant
        assertThat(reason.of(cause))
                .matches("Drawing the picture failed: the model server answered HTTP 500 \\(error id [0-9a-f]{8}\\)")
                .doesNotContain("The server had an error");
    }

    @Test
    void aPlanTheContentPolicyFlaggedTwiceIsReportedAsModerationWithItsCategoriesInTheSameWordsAsALesson() {
        Exception cause = new ListenerExecutionFailedException("Listener failed", new PictureStepException(
                "Planning the picture", new FlaggedOutputException(List.of("hate", "violence"))));

        assertThat(reason.of(cause)).isEqualTo("moderation: hate, violence");
    }

    @Test
    void namesWhatWasWrongWithAPlanTheModelGotWrongTwiceRatherThanTheParsersComplaint() {
        Exception cause = new ListenerExecutionFailedException("Listener failed",
                new PictureStepException("Planning the picture", new InvalidAnswerException(
                        "The model's PicturePlan was invalid, also after a repair: altText is blank", "{}",
                        List.of("altText is blank"), new IllegalStateException("Unexpected end-of-input"))));

        assertThat(reason.of(cause)).isEqualTo(
                "Planning the picture failed: The model's PicturePlan was invalid, also after a repair: altText is blank");
    }

    @Test
    void isTheInnermostMessageWhenNoStepIsNamed() {
        Exception cause = new ListenerExecutionFailedException("Listener failed",
                new IllegalStateException("wrapper", new IllegalArgumentException("no imageId")));

        assertThat(reason.of(cause)).isEqualTo("The picture could not be generated: no imageId");
    }

    @Test
    void staysShort() {
        assertThat(reason.of(new RuntimeException("x".repeat(2000)))).hasSize(FailureReasons.MAX_LENGTH).endsWith("…");
    }
}
