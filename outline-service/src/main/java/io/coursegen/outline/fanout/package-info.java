/**
 * What an outline sets in motion: the numbered outline for {@code course.outlined} and, derived from it by
 * course-contracts' {@code PartRequests}, one lesson request and one image request per lesson and the cover
 * request. Kept pure (no Kafka, no clock) because every downstream id and every parts-total calculation depends
 * on getting it exactly right.
 */
package io.coursegen.outline.fanout;
