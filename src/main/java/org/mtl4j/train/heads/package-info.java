/**
 * Task heads on DJL: one linear layer per task over the shared encoder's output, read from the
 * sentence vector for sequence-level tasks ({@link org.mtl4j.train.heads.SentenceHead}) or from
 * every position for token tagging ({@link org.mtl4j.train.heads.TokenHead}). Parameters are named
 * {@code heads.<task>.weight} and {@code heads.<task>.bias}, as in packages.
 */
package org.mtl4j.train.heads;
