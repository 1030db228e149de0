package io.coursegen.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/** A deployed service states its provider, or does not start: placeholder drafts are never an accident. */
class LlmAutoConfigurationTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class))
            .withBean(JsonMapper.class, JsonMapper::new);

    @Test
    void refusesToStartWithNeitherAProviderNorAnApiKey() {
        service.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("No LLM provider stated")
                .hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("COURSEGEN_LLM_PROVIDER=offline"));
    }

    @Test
    void runsOfflineWhenToldSoAndSaysSoInItsInfo() {
        service.withPropertyValues("coursegen.llm.provider=offline").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(info(context.getBean(InfoContributor.class))).containsEntry("provider", "offline");
            assertThat(context).doesNotHaveBean(StructuredChat.class);
        });
    }

    @Test
    void anApiKeyAloneChoosesOpenAiAndTheInfoNamesTheModelsButNeverTheKey() {
        service.withPropertyValues("coursegen.llm.api-key=sk-secret-1", "coursegen.llm.base-url=http://127.0.0.1:1/v1")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(StructuredChat.class);
                    Map<String, Object> llm = info(context.getBean(InfoContributor.class));
                    assertThat(llm).containsEntry("provider", "openai").containsEntry("chatModel", "gpt-4o-mini");
                    assertThat(llm.toString()).doesNotContain("sk-secret-1");
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> info(InfoContributor contributor) {
        Info.Builder builder = new Info.Builder();
        contributor.contribute(builder);
        return (Map<String, Object>) builder.build().getDetails().get("llm");
    }
}
