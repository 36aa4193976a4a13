package org.mtl4j.metrics.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mtl4j.metrics.LabelSequences;

/**
 * Gold and predicted tags reduced to one tag per word, the input every tagging metric of the
 * original library is computed on.
 *
 * <p>The original library tags sub-tokens: the first piece of a word carries the word's tag, the
 * further pieces carry {@code X}, and {@code [CLS]}/{@code [SEP]} carry their own tags. Its
 * evaluation drops every position whose <em>gold</em> tag is one of those ({@link
 * #ORIGINAL_IGNORED}), so scores are word-level and use the first sub-token's prediction; a
 * prediction of {@code X} at a kept position stays and counts against the model. Cutting gold to
 * the attention-mask length is the caller's job: the sequences given here must already be the same
 * length.
 *
 * @param gold word-level gold tags
 * @param pred word-level predicted tags
 */
public record WordLevelTags(List<List<String>> gold, List<List<String>> pred) {

  /** The gold tags whose positions the original library leaves out of every tagging metric. */
  public static final Set<String> ORIGINAL_IGNORED = Set.of("[CLS]", "[SEP]", "X");

  /** Freezes both lists. */
  public WordLevelTags {
    gold = gold.stream().map(List::copyOf).toList();
    pred = pred.stream().map(List::copyOf).toList();
  }

  /**
   * Drops the positions whose gold tag is in {@link #ORIGINAL_IGNORED}.
   *
   * @param gold sub-token-level gold tags
   * @param pred sub-token-level predicted tags, each as long as its gold sequence
   * @return the word-level tags
   * @throws IllegalArgumentException when sequences differ in length (naming the sentence)
   */
  public static WordLevelTags of(
      List<? extends List<String>> gold, List<? extends List<String>> pred) {
    return of(gold, pred, ORIGINAL_IGNORED);
  }

  /**
   * Drops the positions whose gold tag is in {@code ignored}.
   *
   * @param gold sub-token-level gold tags
   * @param pred sub-token-level predicted tags, each as long as its gold sequence
   * @param ignored gold tags whose positions are left out
   * @return the word-level tags
   * @throws IllegalArgumentException when sequences differ in length (naming the sentence)
   */
  public static WordLevelTags of(
      List<? extends List<String>> gold, List<? extends List<String>> pred, Set<String> ignored) {
    LabelSequences.requireAligned(gold, pred);
    List<List<String>> keptGold = new ArrayList<>(gold.size());
    List<List<String>> keptPred = new ArrayList<>(gold.size());
    for (int s = 0; s < gold.size(); s++) {
      List<String> g = new ArrayList<>();
      List<String> p = new ArrayList<>();
      for (int i = 0; i < gold.get(s).size(); i++) {
        if (!ignored.contains(gold.get(s).get(i))) {
          g.add(gold.get(s).get(i));
          p.add(pred.get(s).get(i));
        }
      }
      keptGold.add(g);
      keptPred.add(p);
    }
    return new WordLevelTags(keptGold, keptPred);
  }
}
