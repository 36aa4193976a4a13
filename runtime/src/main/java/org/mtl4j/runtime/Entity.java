package org.mtl4j.runtime;

/**
 * A tagged span of the input.
 *
 * @param type entity type (the tag without its B-/I- prefix)
 * @param text the span's text, {@code input.substring(charStart, charEnd)}
 * @param charStart start index into the input string
 * @param charEnd end index (exclusive)
 * @param score mean probability of the span's word tags
 */
public record Entity(String type, String text, int charStart, int charEnd, double score) {}
