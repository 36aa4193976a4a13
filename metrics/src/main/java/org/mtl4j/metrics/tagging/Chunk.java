package org.mtl4j.metrics.tagging;

/**
 * A chunk found in a tag sequence: its type and where it lies.
 *
 * @param type the entity type ({@code PER} for {@code B-PER})
 * @param sentence 0-based index of the sentence the entity starts in
 * @param start index of its first token within that sentence
 * @param end index one past its last token, counted from the same sentence start (a lenient chunk
 *     can only run past its sentence with {@code .}-prefixed tags, as in seqeval 0.0.12)
 */
public record Chunk(String type, int sentence, int start, int end) {}
