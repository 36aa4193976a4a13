package org.mtl4j.metrics.tagging;

import java.util.List;
import org.mtl4j.metrics.LabelSequences;
import org.mtl4j.metrics.PrecisionRecallF1;

/**
 * The chunk scorer behind the original library's {@code snips_*} metrics: its {@code
 * computeF1Score}, adapted from MiuLab SlotGated-SLU, itself a port of conlleval.pl.
 *
 * <p>A tag splits on {@code -} into a prefix and a type ({@code "O"} and {@code "X"} have an empty
 * type; more than one hyphen is an error). Chunks start and end by conlleval's rules for {@code B},
 * {@code I}, {@code E}, {@code O} and the special {@code .} tag, and on any type change; a chunk
 * counts as correct only if gold and prediction start it at the same token, with the same type, and
 * end it at the same token. Scores are percentages (0 to 100), micro-averaged over all chunks; 0
 * where a denominator is 0.
 */
public final class ConllevalScorer {

  private ConllevalScorer() {}

  /**
   * The chunk counts of a whole data set.
   *
   * @param correct chunks that match in type and both boundaries
   * @param gold chunks in the gold tags
   * @param predicted chunks in the predicted tags
   */
  public record Counts(long correct, long gold, long predicted) {

    /**
     * @return correct over predicted chunks, in percent; 0 with no predicted chunk
     */
    public double precisionPercent() {
      return predicted > 0 ? 100.0 * correct / predicted : 0.0;
    }

    /**
     * @return correct over gold chunks, in percent; 0 with no gold chunk
     */
    public double recallPercent() {
      return gold > 0 ? 100.0 * correct / gold : 0.0;
    }

    /**
     * @return the harmonic mean of the two percentages, in percent
     */
    public double f1Percent() {
      return PrecisionRecallF1.harmonicMean(precisionPercent(), recallPercent());
    }
  }

  /**
   * Counts chunks over every sentence.
   *
   * @param gold gold tag sequences
   * @param pred predicted tag sequences, each as long as its gold sequence
   * @return the counts
   * @throws IllegalArgumentException when sequences differ in length or a tag has more than one
   *     hyphen (naming sentence and position)
   */
  public static Counts count(List<? extends List<String>> gold, List<? extends List<String>> pred) {
    LabelSequences.requireAligned(gold, pred);
    long correct = 0;
    long goldChunks = 0;
    long predChunks = 0;
    for (int s = 0; s < gold.size(); s++) {
      boolean inCorrect = false;
      String lastGoldTag = "O";
      String lastGoldType = "";
      String lastPredTag = "O";
      String lastPredType = "";
      List<String> g = gold.get(s);
      List<String> p = pred.get(s);
      for (int i = 0; i < g.size(); i++) {
        String[] gt = split(g.get(i), s, i);
        String[] pt = split(p.get(i), s, i);
        boolean goldEnd = endOfChunk(lastGoldTag, gt[0], lastGoldType, gt[1]);
        boolean predEnd = endOfChunk(lastPredTag, pt[0], lastPredType, pt[1]);
        boolean goldStart = startOfChunk(lastGoldTag, gt[0], lastGoldType, gt[1]);
        boolean predStart = startOfChunk(lastPredTag, pt[0], lastPredType, pt[1]);
        if (inCorrect) {
          if (goldEnd && predEnd && lastGoldType.equals(lastPredType)) {
            inCorrect = false;
            correct++;
          } else if (goldEnd != predEnd || !gt[1].equals(pt[1])) {
            inCorrect = false;
          }
        }
        if (goldStart && predStart && gt[1].equals(pt[1])) {
          inCorrect = true;
        }
        if (goldStart) {
          goldChunks++;
        }
        if (predStart) {
          predChunks++;
        }
        lastGoldTag = gt[0];
        lastGoldType = gt[1];
        lastPredTag = pt[0];
        lastPredType = pt[1];
      }
      if (inCorrect) {
        correct++;
      }
    }
    return new Counts(correct, goldChunks, predChunks);
  }

  /** Splits {@code B-PER} into {@code [B, PER]} and {@code O} into {@code [O, ""]}. */
  private static String[] split(String tag, int sentence, int position) {
    int hyphen = tag.indexOf('-');
    if (hyphen < 0) {
      return new String[] {tag, ""};
    }
    if (tag.indexOf('-', hyphen + 1) >= 0) {
      throw new IllegalArgumentException(
          "sentence "
              + sentence
              + ", position "
              + position
              + ": tag '"
              + tag
              + "' has more than one hyphen; conlleval tags are PREFIX-TYPE");
    }
    return new String[] {tag.substring(0, hyphen), tag.substring(hyphen + 1)};
  }

  private static boolean endOfChunk(String prevTag, String tag, String prevType, String type) {
    boolean end =
        switch (prevTag) {
          case "B", "I" -> tag.equals("B") || tag.equals("O");
          case "E" -> tag.equals("E") || tag.equals("I") || tag.equals("O");
          default -> false;
        };
    return end || (!prevTag.equals("O") && !prevTag.equals(".") && !prevType.equals(type));
  }

  private static boolean startOfChunk(String prevTag, String tag, String prevType, String type) {
    boolean start =
        switch (prevTag) {
          case "B", "I" -> tag.equals("B");
          case "O" -> tag.equals("B") || tag.equals("I") || tag.equals("E");
          case "E" -> tag.equals("E") || tag.equals("I");
          default -> false;
        };
    return start || (!tag.equals("O") && !tag.equals(".") && !prevType.equals(type));
  }
}
