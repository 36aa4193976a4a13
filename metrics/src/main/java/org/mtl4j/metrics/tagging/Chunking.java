package org.mtl4j.metrics.tagging;

import java.util.List;

/** How tag sequences are cut into entities for entity-level scoring. */
public enum Chunking {
  /**
   * conlleval's lenient rules as seqeval 0.0.12 applies them (the original library's {@code
   * seqeval_*} metrics): an {@code I-} without a {@code B-} starts an entity; IOB2 and IOBES tags
   * both work, and any other tag is still chunked rather than rejected. See {@link LenientChunker}.
   */
  LENIENT,
  /** seqeval 1.x strict mode with the IOB2 scheme; see {@link StrictChunker}. */
  STRICT_IOB2,
  /** seqeval 1.x strict mode with the IOBES scheme; see {@link StrictChunker}. */
  STRICT_IOBES;

  /**
   * @param sentences tag sequences, one per sentence
   * @return their entities
   * @throws IllegalArgumentException for a tag a strict scheme does not allow
   */
  public List<Chunk> entities(List<? extends List<String>> sentences) {
    return switch (this) {
      case LENIENT -> LenientChunker.entities(sentences);
      case STRICT_IOB2 -> StrictChunker.entities(sentences, TagScheme.IOB2);
      case STRICT_IOBES -> StrictChunker.entities(sentences, TagScheme.IOBES);
    };
  }
}
