package org.mtl4j.metrics.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds entities the way seqeval 0.0.12's {@code get_entities} does (the version the original
 * library pins), which follows conlleval's lenient chunk rules: an {@code I-} tag without a {@code
 * B-} starts an entity, a change of type ends one and starts the next, and {@code E-}/ {@code S-}
 * tags of IOBES are understood too.
 *
 * <p>Exactly as seqeval: a tag's prefix is its first character and its type is the text after its
 * last hyphen ({@code "B-PER"} is {@code B}/{@code PER}; {@code "X"} is {@code X}/{@code X}; {@code
 * "O"} is {@code O}/{@code O}); the sentences are joined into one sequence with an {@code O} after
 * each sentence, so an entity never spans two sentences unless it runs through {@code .}-prefixed
 * tags. Nothing is rejected: odd tags such as {@code X} or {@code [CLS]} form entities of their own
 * type, as they do in seqeval.
 */
public final class LenientChunker {

  private LenientChunker() {}

  /**
   * @param sentences tag sequences, one per sentence
   * @return the entities in order of their end, duplicates impossible
   * @throws IllegalArgumentException for an empty tag (naming sentence and position)
   */
  public static List<Chunk> entities(List<? extends List<String>> sentences) {
    int total = 0;
    for (List<String> s : sentences) {
      total += s.size() + 1;
    }
    String[] flat = new String[total + 1];
    int[] sentenceOf = new int[total + 1];
    int[] sentenceStart = new int[sentences.size() + 1];
    int k = 0;
    for (int s = 0; s < sentences.size(); s++) {
      sentenceStart[s] = k;
      List<String> tags = sentences.get(s);
      for (int i = 0; i < tags.size(); i++) {
        String tag = tags.get(i);
        if (tag == null || tag.isEmpty()) {
          throw new IllegalArgumentException("sentence " + s + ", position " + i + ": empty tag");
        }
        sentenceOf[k] = s;
        flat[k++] = tag;
      }
      sentenceOf[k] = s;
      flat[k++] = "O";
    }
    sentenceOf[k] = sentences.size();
    flat[k] = "O";

    List<Chunk> chunks = new ArrayList<>();
    char prevTag = 'O';
    String prevType = "";
    int begin = 0;
    for (int i = 0; i < flat.length; i++) {
      char tag = flat[i].charAt(0);
      String type = flat[i].substring(flat[i].lastIndexOf('-') + 1);
      if (endOfChunk(prevTag, tag, prevType, type)) {
        int s = sentenceOf[begin];
        chunks.add(new Chunk(prevType, s, begin - sentenceStart[s], i - sentenceStart[s]));
      }
      if (startOfChunk(prevTag, tag, prevType, type)) {
        begin = i;
      }
      prevTag = tag;
      prevType = type;
    }
    return chunks;
  }

  /**
   * seqeval's {@code end_of_chunk}: whether a chunk ended between the previous tag and this one.
   */
  static boolean endOfChunk(char prevTag, char tag, String prevType, String type) {
    if (prevTag == 'E' || prevTag == 'S') {
      return true;
    }
    if ((prevTag == 'B' || prevTag == 'I') && (tag == 'B' || tag == 'S' || tag == 'O')) {
      return true;
    }
    return prevTag != 'O' && prevTag != '.' && !prevType.equals(type);
  }

  /** seqeval's {@code start_of_chunk}: whether a chunk starts at this tag. */
  static boolean startOfChunk(char prevTag, char tag, String prevType, String type) {
    if (tag == 'B' || tag == 'S') {
      return true;
    }
    if ((prevTag == 'E' || prevTag == 'S' || prevTag == 'O') && (tag == 'E' || tag == 'I')) {
      return true;
    }
    return tag != 'O' && tag != '.' && !prevType.equals(type);
  }
}
