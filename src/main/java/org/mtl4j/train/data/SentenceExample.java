package org.mtl4j.train.data;

/**
 * A single-sentence classification row.
 *
 * @param uid the row's id
 * @param line the row's 1-based line
 * @param text the sentence
 * @param label the class index
 */
public record SentenceExample(String uid, int line, String text, int label) implements Example {}
