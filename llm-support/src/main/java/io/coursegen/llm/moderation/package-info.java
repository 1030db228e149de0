/**
 * Moderation: whether texts break the content policy. The gateway asks it about what a tenant wrote (a course's
 * topic, regeneration instructions, an edited outline) before anything is spent on them; content-service and
 * image-service ask it about what the models wrote (a lesson's texts, a picture's plan) before it is stored
 * ({@link io.coursegen.llm.moderation.ModeratedOutput}: generated once more with the categories named, then failed).
 * {@link io.coursegen.llm.moderation.ContentModeration} is the one question; the provider chosen for the chat model
 * answers it too: OpenAI's {@code /moderations} endpoint ({@link io.coursegen.llm.moderation.OpenAiModeration}) or,
 * offline, a small deterministic word list ({@link io.coursegen.llm.moderation.OfflineModeration}), so tests exercise
 * the path without a network. Every check is counted ({@code coursegen.moderation.calls}); a check that cannot be
 * answered throws {@link io.coursegen.llm.moderation.ModerationUnavailableException}: the gateway refuses the input
 * (fail closed), a generating service throws so the request is retried later (never stored unchecked).
 *
 * <p>Not an auto-configuration: a service that moderates imports {@link
 * io.coursegen.llm.moderation.ModerationConfiguration} (gateway, content-service, image-service); outline-service and
 * storage-service, which share this module (and, in the local platform, one classpath), get no moderation beans.
 */
package io.coursegen.llm.moderation;
