package org.mtl4j.metrics.tagging;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.metrics.tagging.TagScheme.Prefix;

/**
 * Finds entities the way seqeval 1.x does in strict mode ({@code mode="strict"} with a scheme): an
 * entity must begin with the scheme's begin tag and continue with inside tags of its type; with
 * IOBES it must also close with {@code E-} or be a lone {@code S-}, otherwise it is not an entity
 * at all. An {@code I-} without a {@code B-} starts nothing. Each sentence is chunked on its own,
 * followed by an {@code O}.
 */
public final class StrictChunker {

  private StrictChunker() {}

  /**
   * @param sentences tag sequences, one per sentence
   * @param scheme the tagging scheme every tag must follow
   * @return the entities, sentence by sentence
   * @throws IllegalArgumentException for a tag the scheme does not allow (naming sentence, position
   *     and tag)
   */
  public static List<Chunk> entities(List<? extends List<String>> sentences, TagScheme scheme) {
    List<Chunk> entities = new ArrayList<>();
    for (int s = 0; s < sentences.size(); s++) {
      List<String> tags = sentences.get(s);
      int n = tags.size() + 1;
      Prefix[] prefixes = new Prefix[n];
      String[] types = new String[n];
      for (int i = 0; i < tags.size(); i++) {
        String tag = tags.get(i);
        prefixes[i] = scheme.prefix(tag, "sentence " + s + ", position " + i);
        types[i] = TagScheme.type(tag);
      }
      prefixes[n - 1] = Prefix.O;
      types[n - 1] = "_";
      chunk(s, prefixes, types, scheme, entities);
    }
    return entities;
  }

  private static void chunk(
      int sentence, Prefix[] prefixes, String[] types, TagScheme scheme, List<Chunk> out) {
    int n = prefixes.length;
    int prev = -1;
    int i = 0;
    while (i < n) {
      Prefix prevPrefix = prev < 0 ? Prefix.O : prefixes[prev];
      String prevType = prev < 0 ? "_" : types[prev];
      if (scheme.isStart(prevPrefix, prefixes[i], prevType.equals(types[i]))) {
        int end = forward(i, prefixes, types, scheme);
        if (scheme.isEnd(prefixes[end - 1], prefixes[end], types[end - 1].equals(types[end]))) {
          out.add(new Chunk(types[i], sentence, i, end));
        }
        i = end;
      } else {
        i++;
      }
      prev = i - 1;
    }
  }

  /** The index of the first token after {@code start} that does not continue its entity. */
  private static int forward(int start, Prefix[] prefixes, String[] types, TagScheme scheme) {
    int prev = start;
    for (int j = start + 1; j < prefixes.length; j++) {
      if (!scheme.isInside(prefixes[prev], prefixes[j], types[prev].equals(types[j]))) {
        return j;
      }
      prev = j;
    }
    return prefixes.length - 1;
  }
}
