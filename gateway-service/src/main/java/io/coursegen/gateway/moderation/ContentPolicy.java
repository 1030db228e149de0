package io.coursegen.gateway.moderation;

import io.coursegen.llm.moderation.ContentModeration;
import io.coursegen.llm.moderation.ModerationConfiguration;
import io.coursegen.llm.moderation.Verdict;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a request's texts against the content policy. The check is a blocking provider call, so it runs on a
 * bounded pool of its own ({@value #THREADS} threads, {@value #QUEUED} waiting), never on a Netty event loop; a full
 * pool refuses the request as a moderation outage would (503), rather than queueing without bound or letting it pass.
 */
@Component
@Import(ModerationConfiguration.class)
public class ContentPolicy implements DisposableBean {

    static final int THREADS = 16;
    static final int QUEUED = 512;

    /** One text of a request, named as the client knows it ({@code topic}, {@code modules[0].lessons[1].title}). */
    public record Field(String name, String text) {
    }

    private final ContentModeration moderation;
    private final Scheduler scheduler;

    public ContentPolicy(ContentModeration moderation) {
        this.moderation = moderation;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, QUEUED, "moderation");
    }

    /**
     * Completes empty when the texts pass; fails with {@link ContentPolicyViolationException} when one is flagged and
     * with {@link ModerationOutageException} when the policy could not be asked.
     */
    public Mono<Void> check(List<Field> fields) {
        if (moderation == ContentModeration.DISABLED
                || fields.stream().allMatch(field -> field.text() == null || field.text().isBlank())) {
            return Mono.empty();
        }
        List<String> texts = fields.stream().map(Field::text).toList();
        return Mono.fromCallable(() -> moderation.check(texts))
                .subscribeOn(scheduler)
                .onErrorMap(ModerationOutageException::new)
                .flatMap(verdict -> verdict.flagged()
                        ? Mono.error(new ContentPolicyViolationException(verdict, fields))
                        : Mono.<Void>empty());
    }

    /** Whether checks are made at all ({@code coursegen.moderation.enabled}). */
    public boolean enabled() {
        return moderation != ContentModeration.DISABLED;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }

    static List<String> flaggedFields(Verdict verdict, List<Field> fields) {
        return verdict.flags().stream().map(flag -> fields.get(flag.index()).name()).toList();
    }
}
