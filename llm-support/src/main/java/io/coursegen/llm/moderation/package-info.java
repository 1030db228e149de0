/**
 * Input moderation: whether texts a tenant wrote (a course's topic, regeneration instructions, an edited outline)
 * break the content policy, asked before anything is spent on them. {@link io.coursegen.llm.moderation.ContentModeration}
 * is the one question; the provider chosen for the chat model answers it too: OpenAI's {@code /moderations} endpoint
 * ({@link io.coursegen.llm.moderation.OpenAiModeration}) or, offline, a small deterministic word list
 * ({@link io.coursegen.llm.moderation.OfflineModeration}), so tests exercise the path without a network. Every check
 * is counted ({@code coursegen.moderation.calls}); a check that cannot be answered throws
 * {@link io.coursegen.llm.moderation.ModerationUnavailableException} and the caller refuses the input (fail closed).
 *
 * <p>Not an auto-configuration: only a service that moderates input imports {@link
 * io.coursegen.llm.moderation.ModerationConfiguration}; the generating services, which share this module (and, in the
 * local platform, one classpath), get no moderation beans.
 */
package io.coursegen.llm.moderation;
