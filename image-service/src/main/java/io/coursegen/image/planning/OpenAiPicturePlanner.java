package io.coursegen.image.planning;

import dev.langchain4j.model.input.PromptTemplate;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import java.util.Map;

/** One structured chat call: the answer must match {@link PicturePlan}'s JSON schema (strict). */
class OpenAiPicturePlanner implements PicturePlanner {

    private final StructuredChat chat;
    private final Prompts prompts;
    private final String systemPrompt;
    private final PromptTemplate userPrompt;

    OpenAiPicturePlanner(StructuredChat chat, Prompts prompts) {
        this.chat = chat;
        this.prompts = prompts;
        this.systemPrompt = Prompts.render(Prompts.load("picture-plan-system"), Map.of());
        this.userPrompt = Prompts.load("picture-plan-user");
    }

    @Override
    public PlannedPicture plan(ImageRequested request) {
        String user = Prompts.render(userPrompt, Map.of("request", prompts.data(PictureSubject.of(request))));
        StructuredChat.Answer<PicturePlan> answer = chat.ask(systemPrompt, user, PicturePlan.class);
        return new PlannedPicture(answer.value().validated(), answer.usage());
    }
}
