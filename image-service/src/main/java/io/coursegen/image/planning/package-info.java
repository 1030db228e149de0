/**
 * Decides what a picture shows before anything is drawn: the visual concept or metaphor that makes the
 * subject's central idea click for its audience (a lesson on superposition gets Schrödinger's cat even
 * when the text never mentions a cat), a caption that says how the picture relates to the lesson, alt
 * text that says what it shows and why, and the English prompt for the image model. The plan is its
 * own step so that the words shown next to a picture are written with the same intent as the picture, and so that
 * a plan the content policy flags is caught before anything is drawn
 * ({@link io.coursegen.image.planning.ModeratedPicturePlanner}: planned once more with the categories named, then
 * failed).
 */
package io.coursegen.image.planning;
