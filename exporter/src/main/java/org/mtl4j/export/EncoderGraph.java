package org.mtl4j.export;

/**
 * The values an emitted encoder produces.
 *
 * @param lastHidden {@code [batch, sequence, hidden]}
 * @param pooled {@code [batch, hidden]} from the family's pooler, or null when there is none
 */
record EncoderGraph(String lastHidden, String pooled) {}
