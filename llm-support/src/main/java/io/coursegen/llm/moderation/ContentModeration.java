package io.coursegen.llm.moderation;

import java.util.List;

/**
 * Whether texts break the content policy. Blocking (a provider call): reactive callers run it on a bounded
 * scheduler of their own.
 */
public interface ContentModeration {

    /**
     * @param texts what to check, in order; blank ones are not checked and never flagged
     * @return which texts (by index) are flagged, and for what
     * @throws ModerationUnavailableException when no answer could be had: refuse the input rather than let it through
     */
    Verdict check(List<String> texts);

    /** {@code coursegen.moderation.enabled=false}: everything passes and nothing is called or counted. */
    ContentModeration DISABLED = texts -> Verdict.PASSED;
}
