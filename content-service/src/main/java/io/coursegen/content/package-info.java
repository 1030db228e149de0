/**
 * content-service writes one lesson per {@code lesson.requested}: markdown text, key takeaways and, when
 * the course has quizzes, a multiple-choice quiz, and publishes it on {@code lesson.generated}. Each
 * lesson is written from its own outline entry and its neighbours' titles only, so lessons of one course
 * are written in parallel by any number of instances.
 */
package io.coursegen.content;
