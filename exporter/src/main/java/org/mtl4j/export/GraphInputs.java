package org.mtl4j.export;

/**
 * The graph inputs an encoder reads, int64 {@code [batch, sequence]}.
 *
 * @param inputIds {@code input_ids}
 * @param attentionMask {@code attention_mask}
 * @param tokenTypeIds {@code token_type_ids}, or null for families without token types
 */
record GraphInputs(String inputIds, String attentionMask, String tokenTypeIds) {}
