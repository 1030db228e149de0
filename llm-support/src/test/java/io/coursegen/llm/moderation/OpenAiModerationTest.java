package io.coursegen.llm.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.llm.LlmResilienceProperties;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.FakeOpenAiServer.Scripted;
import io.coursegen.testkit.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OpenAiModerationTest {

    private final FakeOpenAiServer openAi = new FakeOpenAiServer("sk-mod", request -> "{}", TestImages.png(4, 4));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        openAi.close();
    }

    private OpenAiModeration moderation(String apiKey, int minimumCallsToOpen) {
        ModerationProperties properties = new ModerationProperties(true, "omni-moderation-latest", Duration.ofSeconds(2), 2,
                Duration.ofMillis(10), Duration.ofSeconds(2),
                new LlmResilienceProperties.CircuitBreaker(50, minimumCallsToOpen, minimumCallsToOpen, Duration.ofMinutes(1)),
                null);
        return new OpenAiModeration(openAi.baseUrl(), apiKey, properties, JsonMapper.builder().build(), meters);
    }

    @Test
    void sendsTheTextsAsOneRequestAndReadsTheCategoriesOfEachFlaggedOne() {
        openAi.flagModeration("massacre", "violence", "violence/graphic");
        openAi.flagModeration("hateful", "hate");

        Verdict verdict = moderation("sk-mod", 10).check(List.of("Knitting", "", "a massacre, graphically", "hateful words"));

        assertThat(verdict.flags()).containsExactly(new Verdict.Flag(2, List.of("violence", "violence/graphic")),
                new Verdict.Flag(3, List.of("hate")));
        assertThat(openAi.moderations()).hasSize(1);
        FakeOpenAiServer.Received request = openAi.moderations().get(0);
        assertThat(request.body().path("model").asString()).isEqualTo("omni-moderation-latest");
        assertThat(FakeOpenAiServer.moderatedTexts(request)).as("blank texts are not sent")
                .containsExactly("Knitting", "a massacre, graphically", "hateful words");
        assertThat(openAi.received()).as("moderation requests are not counted as generation calls").isEmpty();
    }

    @Test
    void manyTextsGoInBatchesAndKeepTheirIndexes() {
        openAi.flagModeration("forbidden", "illicit");
        List<String> texts = new ArrayList<>(IntStream.range(0, 70).mapToObj(i -> "text " + i).toList());
        texts.set(65, "forbidden text");

        Verdict verdict = moderation("sk-mod", 10).check(texts);

        assertThat(verdict.flags()).containsExactly(new Verdict.Flag(65, List.of("illicit")));
        assertThat(openAi.moderations()).hasSize(3);
    }

    @Test
    void aTransientFailureIsTriedAgain() {
        openAi.failNextModerations(Scripted.serverError());

        assertThat(moderation("sk-mod", 10).check(List.of("Knitting")).flagged()).isFalse();
        assertThat(openAi.moderations()).hasSize(2);
    }

    @Test
    void anOutageAfterTheRetriesIsUnavailableNotAPass() {
        openAi.failNextModerations(Scripted.serverError(), Scripted.serverError());

        assertThatThrownBy(() -> moderation("sk-mod", 10).check(List.of("Knitting")))
                .isInstanceOf(ModerationUnavailableException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageNotContaining("The server had an error");
    }

    @Test
    void aRefusedKeyIsUnavailableAtOnce() {
        assertThatThrownBy(() -> moderation("wrong", 10).check(List.of("Knitting")))
                .isInstanceOf(ModerationUnavailableException.class);
        assertThat(openAi.moderations()).as("a 401 is not tried again").hasSize(1);
    }

    @Test
    void anOpenCircuitFailsChecksWithoutCallingTheProvider() {
        OpenAiModeration moderation = moderation("sk-mod", 2);
        openAi.failNextModerations(Scripted.serverError(), Scripted.serverError());
        assertThatThrownBy(() -> moderation.check(List.of("Knitting"))).isInstanceOf(ModerationUnavailableException.class);
        int calls = openAi.moderations().size();

        assertThatThrownBy(() -> moderation.check(List.of("Knitting"))).isInstanceOf(ModerationUnavailableException.class);
        assertThat(openAi.moderations()).hasSize(calls);
    }
}
