package io.coursegen.outline.generation;

import io.coursegen.contracts.Usage;

/** A valid outline, lessons in teaching order but not yet numbered, and what writing it cost. */
public record WrittenOutline(GeneratedOutline outline, Usage usage) {
}
