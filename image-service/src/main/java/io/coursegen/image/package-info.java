/**
 * image-service: turns each {@code image.requested} into a stored picture and an {@code image.generated}
 * event. Its capabilities are separate packages: {@code planning} decides what a picture shows and what
 * is said about it, {@code rendering} draws it, {@code media} stores the bytes, and {@code messaging}
 * connects them to Kafka. Pictures are planned before they are drawn because the choice of metaphor,
 * not the drawing, is what makes a picture teach.
 */
package io.coursegen.image;
