package io.coursegen.llm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The bean exists only when the resolved provider is openai (explicitly, or because an API key is set). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnOpenAi.OpenAiSelected.class)
public @interface ConditionalOnOpenAi {

    class OpenAiSelected implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("coursegen.llm", LlmProperties.class)
                    // an unstated provider is refused by LlmAutoConfiguration with the reason, not here
                    .map(properties -> properties.providerStated() ? properties.resolvedProvider() : LlmProvider.OFFLINE)
                    .orElse(LlmProvider.OFFLINE) == LlmProvider.OPENAI;
        }
    }
}
