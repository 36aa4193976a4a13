package org.mtl4j.train.data;

/**
 * A sentence-pair classification row.
 *
 * @param uid the row's id
 * @param line the row's 1-based line
 * @param textA the first sentence
 * @param textB the second sentence
 * @param label the class index
 */
public record PairExample(String uid, int line, String textA, String textB, int label)
    implements Example {}
