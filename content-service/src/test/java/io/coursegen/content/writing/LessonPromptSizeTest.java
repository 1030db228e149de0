package io.coursegen.content.writing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TestImages;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lesson's prompt carries its own outline entry and its neighbours' titles, not the course: lesson 15
 * of a 30-lesson course costs what lesson 1 of a 3-lesson course costs. Measured with the tokenizer of
 * the default chat model (gpt-4o-mini, o200k_base) and with the usage the OpenAI-protocol server reports.
 */
class LessonPromptSizeTest {

    /** The brief of one realistic lesson; the whole 30-lesson outline as data would be about ten times this. */
    static final int MAX_BRIEF_CHARACTERS = 1_500;
    /** System prompt, brief and instructions of one lesson call, in tokens of the real tokenizer. */
    static final int MAX_PROMPT_TOKENS = 1_200;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeOpenAiServer server = new FakeOpenAiServer("key", request -> modelLesson(), TestImages.png(8, 8));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void lesson15Of30CarriesOnlyItsOwnEntryAndItsNeighboursTitles() {
        List<OutlineLesson> outline = thirtyLessons();
        LessonRequested fifteenth = requestFor(outline, 15);
        OpenAiLessonWriter writer = new OpenAiLessonWriter(new StructuredChat(OpenAiChatModel.builder()
                .baseUrl(server.baseUrl()).apiKey("key").modelName("gpt-4o-mini").strictJsonSchema(true).maxRetries(0)
                .build(), "gpt-4o-mini", JSON), new Prompts(JSON));

        WrittenLesson written = writer.write(fifteenth);

        String user = server.received().get(0).body().path("messages").get(1).path("content").asString();
        String system = server.received().get(0).body().path("messages").get(0).path("content").asString();
        assertThat(user).isEqualTo(writer.userPrompt(fifteenth));
        String brief = user.substring(user.indexOf("<lesson_brief>"), user.indexOf("</lesson_brief>"));
        assertThat(brief).hasSizeLessThan(MAX_BRIEF_CHARACTERS)
                .contains(outline.get(14).summary(), outline.get(13).title(), outline.get(15).title());
        outline.stream().filter(lesson -> lesson.position() != 15).forEach(other -> assertThat(user)
                .as("lesson %d's entry", other.position())
                .doesNotContain(other.summary())
                .doesNotContain(other.objectives().get(0))
                .doesNotContain(other.keyConcepts().get(0)));
        outline.stream().filter(lesson -> Math.abs(lesson.position() - 15) > 1)
                .forEach(other -> assertThat(user).doesNotContain(other.title()));

        int promptTokens = new OpenAiTokenCountEstimator("gpt-4o-mini")
                .estimateTokenCountInMessages(List.of(SystemMessage.from(system), UserMessage.from(user)));
        assertThat(promptTokens).isLessThan(MAX_PROMPT_TOKENS);
        assertThat(written.usage().promptTokens()).isLessThan(MAX_PROMPT_TOKENS);
        System.out.printf("Lesson 15 of 30: brief %d characters, user prompt %d characters, system prompt %d characters;"
                        + " prompt tokens %d (gpt-4o-mini tokenizer), %d (test server's estimate)%n", brief.length(),
                user.length(), system.length(), promptTokens, written.usage().promptTokens());
    }

    /** As outline-service fans out: the lesson's own entry, its neighbours' titles, and the course's framing. */
    private static LessonRequested requestFor(List<OutlineLesson> outline, int position) {
        CourseSpec spec = new CourseSpec("Kubernetes for backend developers", "backend developers who deploy to the cloud",
                "intermediate", "en", outline.size(), true, "clean isometric illustration");
        return new LessonRequested("course-30", "tenant-a", "Kubernetes from first pod to production", spec,
                outline.get(position - 1), outline.get(position - 2).title(), outline.get(position).title());
    }

    /** Thirty lessons of realistic size, each with text no other lesson has. */
    private static List<OutlineLesson> thirtyLessons() {
        return IntStream.rangeClosed(1, 30).mapToObj(n -> new OutlineLesson(
                        "lesson-%02d".formatted(n), n,
                        "Lesson topic %d: scheduling, probes and rollouts in depth".formatted(n),
                        ("Summary %d. This lesson shows how the scheduler places pods, how readiness and liveness probes"
                                + " decide whether traffic reaches them, and how a rolling update replaces them without"
                                + " downtime, with a worked example from a real service.").formatted(n),
                        List.of("Explain objective %d-a about placement".formatted(n),
                                "Configure objective %d-b for probes".formatted(n),
                                "Evaluate objective %d-c for rollouts".formatted(n)),
                        List.of("concept %d-a".formatted(n), "concept %d-b".formatted(n), "concept %d-c".formatted(n),
                                "concept %d-d".formatted(n)),
                        20, "Module %d: running workloads".formatted((n - 1) / 5 + 1)))
                .toList();
    }

    private static String modelLesson() {
        return """
                {"markdown": "## Introduction\\n\\nProbes decide.", "keyTakeaways": ["One.", "Two.", "Three."],
                 "quiz": [{"question": "Q1?", "options": ["a", "b", "c", "d"], "correctOption": 0, "explanation": "E."},
                          {"question": "Q2?", "options": ["a", "b", "c", "d"], "correctOption": 1, "explanation": "E."},
                          {"question": "Q3?", "options": ["a", "b", "c", "d"], "correctOption": 2, "explanation": "E."}]}""";
    }
}
