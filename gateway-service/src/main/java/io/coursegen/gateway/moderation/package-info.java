/**
 * The content policy at the door: every text a tenant writes for the models (a new course's topic, audience and picture
 * style, by REST or Kafka; regeneration instructions; an edited outline) is checked by the provider's moderation
 * ({@link io.coursegen.llm.moderation.ContentModeration}) before storage-service hears of it, so a flagged request costs
 * no generation and leaves nothing stored. Flagged: {@code 422} naming the categories and fields (Kafka: a
 * {@code course.rejected}). Moderation down: {@code 503} (Kafka: retried), never a pass.
 */
package io.coursegen.gateway.moderation;
