package org.mtl4j.train.reference;

/**
 * Encoder inputs of one reference batch.
 *
 * @param name the batch's name in the reference set
 * @param inputIds {@code [batch][sequence]}
 * @param attentionMask {@code [batch][sequence]}
 * @param tokenTypeIds {@code [batch][sequence]}
 */
public record ProbeBatch(
    String name, long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {}
