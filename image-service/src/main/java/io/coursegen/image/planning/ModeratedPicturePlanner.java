package io.coursegen.image.planning;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.moderation.ModeratedOutput;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A valid plan the content policy passed, before anything is drawn (so a flagged plan costs no picture): its visual
 * concept, caption, alt text and image prompt are checked. A flagged plan is made once more with the categories named
 * ({@link ModeratedOutput}); flagged again, it throws {@link io.coursegen.llm.moderation.FlaggedOutputException}
 * (reason {@code moderation: <categories>}), and a moderation outage throws
 * {@link io.coursegen.llm.moderation.ModerationUnavailableException} for the listener's retries. The accepted plan's
 * usage includes the flagged plan's call and tokens. The course's picture style, appended to the image prompt later,
 * was checked with the course request at the gateway.
 */
public final class ModeratedPicturePlanner {

    private final PicturePlanner planner;
    private final ModeratedOutput moderated;

    public ModeratedPicturePlanner(PicturePlanner planner, ModeratedOutput moderated) {
        this.planner = planner;
        this.moderated = moderated;
    }

    public PlannedPicture plan(ImageRequested request) {
        return moderated.generate(avoid -> planner.plan(request, avoid), planned -> texts(planned.plan()),
                (accepted, flagged) -> new PlannedPicture(accepted.plan(), plus(accepted.usage(), flagged.usage())),
                "the plan of picture " + request.imageId() + " of course " + request.courseId());
    }

    static List<String> texts(PicturePlan plan) {
        return Stream.of(plan.visualConcept(), plan.caption(), plan.altText(), plan.imagePrompt())
                .filter(Objects::nonNull).toList();
    }

    private static Usage plus(Usage accepted, Usage flagged) {
        return new Usage(accepted.provider(), accepted.model(), accepted.calls() + flagged.calls(),
                accepted.promptTokens() + flagged.promptTokens(),
                accepted.completionTokens() + flagged.completionTokens(), accepted.images() + flagged.images());
    }
}
