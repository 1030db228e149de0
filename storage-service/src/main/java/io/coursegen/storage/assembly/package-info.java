/**
 * Assembles the course document from the pipeline's events and announces its status. Each event becomes one
 * upserting single-document update of its own paths (so replays and any arrival order give the same document,
 * without transactions), followed by a status decision made by a pure rule ({@link
 * io.coursegen.storage.assembly.StatusDecision}) and written only if no other event was applied in between,
 * and then a {@code course.status} snapshot whose send is acknowledged before the offset is committed: a
 * crash between the write and the send is repaired by the replay, which sends the snapshot again. A lesson text
 * or picture is shown unless its lesson's regeneration asked for a newer revision, in which case it is added to
 * the lesson's versions instead (two conditional updates, tried in turn); a part a regeneration still waits for
 * counts as not done. A scheduled sweep fails courses not final within their deadline, naming the missing parts,
 * with the same conditional write, so a course completing at that moment stays completed.
 */
package io.coursegen.storage.assembly;
