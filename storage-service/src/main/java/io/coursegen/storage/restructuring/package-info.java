/**
 * Adding a lesson to a completed course, or removing one, without generating anything else again. An added lesson
 * gets a new id (the next unused {@code lesson-NN}), takes its place in teaching order (the lessons after it move
 * down one position) and is written and drawn like any lesson ({@code PartRequests} derives its two requests from
 * the changed outline); a removed lesson's text, picture, versions and failures go, and the positions close up. Each
 * change is one conditional MongoDB update that only a course still COMPLETED and unchanged since it was read
 * accepts.
 */
package io.coursegen.storage.restructuring;
