package org.mtl4j.zoo.pkg;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * One batch of a {@link ReferenceSet}: the encoder inputs exactly as the training framework saw
 * them, the outputs it computed in eval mode, and, for dev-split batches, the gold labels.
 *
 * <p>Gold labels are label indices per task: {@code [batch][1]} for sentence and pair
 * classification, {@code [batch][sequence]} for token tagging ({@link #IGNORED} where no label
 * applies: padding, special tokens, non-first sub-tokens), {@code [batch][labels]} of 0/1 for
 * multi-label classification.
 *
 * @param name a unique name, e.g. {@code b3-len7} (file-safe: letters, digits, '-', '_')
 * @param split {@link #PROBE} (shape coverage only) or {@link #DEV} (dev examples with gold)
 * @param inputIds {@code [batch][sequence]}
 * @param attentionMask {@code [batch][sequence]}, 1 for tokens and 0 for padding
 * @param tokenTypeIds {@code [batch][sequence]}, or null for families without token types
 * @param outputs output name ({@code <task>.logits}, {@code last_hidden_state}, ...) to tensor
 * @param gold task name to label indices; empty for probe batches
 */
public record ReferenceBatch(
    String name,
    String split,
    long[][] inputIds,
    long[][] attentionMask,
    long[][] tokenTypeIds,
    Map<String, FloatTensor> outputs,
    Map<String, long[][]> gold) {

  /** The split of shape-coverage batches. */
  public static final String PROBE = "probe";

  /** The split of dev examples, whose task metrics are compared. */
  public static final String DEV = "dev";

  /** The gold value of a position without a label. */
  public static final long IGNORED = -100;

  /** Validates names and shapes. */
  public ReferenceBatch {
    Objects.requireNonNull(name, "batch name");
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "reference batch name '" + name + "' may hold only letters, digits, '-' and '_'");
    }
    if (!PROBE.equals(split) && !DEV.equals(split)) {
      throw new IllegalArgumentException(
          "reference batch " + name + ": split must be probe or dev, was " + split);
    }
    requireRectangular(name, OnnxContract.INPUT_IDS, inputIds, inputIds);
    requireRectangular(name, OnnxContract.ATTENTION_MASK, attentionMask, inputIds);
    if (tokenTypeIds != null) {
      requireRectangular(name, OnnxContract.TOKEN_TYPE_IDS, tokenTypeIds, inputIds);
    }
    outputs = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(outputs, "outputs")));
    gold = gold == null ? Map.of() : Map.copyOf(gold);
  }

  /**
   * @return rows in the batch
   */
  public int batchSize() {
    return inputIds.length;
  }

  /**
   * @return positions per row
   */
  public int sequenceLength() {
    return inputIds.length == 0 ? 0 : inputIds[0].length;
  }

  /**
   * @return whether this batch holds dev examples with gold labels
   */
  public boolean isDev() {
    return DEV.equals(split);
  }

  private static void requireRectangular(String batch, String what, long[][] rows, long[][] ids) {
    Objects.requireNonNull(rows, what);
    if (rows.length != ids.length) {
      throw new IllegalArgumentException(
          "reference batch "
              + batch
              + ": "
              + what
              + " has "
              + rows.length
              + " rows, input_ids "
              + ids.length);
    }
    int length = ids.length == 0 ? 0 : ids[0].length;
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != length) {
        throw new IllegalArgumentException(
            "reference batch "
                + batch
                + ": "
                + what
                + " row "
                + r
                + " has "
                + rows[r].length
                + " positions, expected "
                + length);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReferenceBatch b
        && name.equals(b.name)
        && split.equals(b.split)
        && Arrays.deepEquals(inputIds, b.inputIds)
        && Arrays.deepEquals(attentionMask, b.attentionMask)
        && Arrays.deepEquals(tokenTypeIds, b.tokenTypeIds)
        && outputs.equals(b.outputs)
        && gold.keySet().equals(b.gold.keySet())
        && gold.entrySet().stream()
            .allMatch(e -> Arrays.deepEquals(e.getValue(), b.gold.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, split, Arrays.deepHashCode(inputIds), outputs.keySet());
  }

  @Override
  public String toString() {
    return "ReferenceBatch["
        + name
        + " "
        + split
        + " "
        + batchSize()
        + "x"
        + sequenceLength()
        + " "
        + outputs.keySet()
        + "]";
  }
}
