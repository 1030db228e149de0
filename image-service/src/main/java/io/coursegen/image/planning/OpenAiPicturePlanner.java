package io.coursegen.image.planning;

import dev.langchain4j.model.input.PromptTemplate;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import java.util.List;
import java.util.Map;

/**
 * One structured chat call: the answer must match {@link PicturePlan}'s JSON schema (strict) and have every
 * field within its length, else it gets one repair call; still invalid, it fails with
 * {@link io.coursegen.llm.InvalidAnswerException}. The course language is our instruction, outside the data.
 */
class OpenAiPicturePlanner implements PicturePlanner {

    private final StructuredChat chat;
    private final Prompts prompts;
    private final String systemPrompt;
    private final PromptTemplate userPrompt;
    private final PromptTemplate regeneration = Prompts.load("picture-plan-regeneration");
    private final PromptTemplate flagged = Prompts.load("picture-plan-flagged");

    OpenAiPicturePlanner(StructuredChat chat, Prompts prompts) {
        this.chat = chat;
        this.prompts = prompts;
        this.systemPrompt = Prompts.render(Prompts.load("picture-plan-system"), Map.of());
        this.userPrompt = Prompts.load("picture-plan-user");
    }

    @Override
    public PlannedPicture plan(ImageRequested request, List<String> flaggedCategories) {
        String user = userPrompt(request, flaggedCategories);
        StructuredChat.Answer<PicturePlan> answer = chat.ask(systemPrompt, user, PicturePlan.class, PicturePlan::problems);
        return new PlannedPicture(answer.value().stripped(), answer.usage());
    }

    /**
     * The owner's instructions for a regenerated lesson's picture follow in their own block, only when given; the
     * categories a flagged plan broke follow last, as our instruction (the moderation provider's category names, never
     * user text).
     */
    String userPrompt(ImageRequested request, List<String> flaggedCategories) {
        String user = Prompts.render(userPrompt, Map.of(
                "request", prompts.data(PictureSubject.of(request)),
                "language", CourseLanguage.of(request.language()).described()));
        if (request.instructions() != null && !request.instructions().isBlank()) {
            user = user + "\n\n" + Prompts.render(regeneration, Map.of("instructions", prompts.data(request.instructions())));
        }
        if (flaggedCategories.isEmpty()) {
            return user;
        }
        return user + "\n\n" + Prompts.render(flagged, Map.of("categories", String.join(", ", flaggedCategories)));
    }
}
