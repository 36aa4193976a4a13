package org.mtl4j.runtime;

/**
 * The tag of one word, a maximal run of non-whitespace characters of the input (the words a
 * training row joins with single spaces), taken from the word's first sub-token.
 *
 * @param word the word's text
 * @param charStart start index into the input string
 * @param charEnd end index (exclusive)
 * @param tag the tag
 * @param score its softmax probability
 */
public record WordTag(String word, int charStart, int charEnd, String tag, double score) {}
