/**
 * Entity-level scoring of tag sequences: seqeval 0.0.12's lenient chunking (the original library's
 * {@code seqeval_*} metrics), seqeval 1.x strict IOB2/IOBES chunking, the conlleval port behind the
 * {@code snips_*} metrics, per-type reports, and the original's word-level dropping of {@code
 * [CLS]}, {@code [SEP]} and {@code X} positions.
 */
package org.mtl4j.metrics.tagging;
