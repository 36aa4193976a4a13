package org.mtl4j.zoo.pkg;

import java.util.List;
import org.mtl4j.zoo.encoder.EncoderFamily;

/**
 * The names of the ONNX contract (design.md): what every exported graph takes and gives, and what
 * training, export, parity and serving call its tensors. The one place these names are written.
 *
 * <ul>
 *   <li>Inputs: {@value #INPUT_IDS} and {@value #ATTENTION_MASK}, int64 {@code [batch, sequence]},
 *       plus {@value #TOKEN_TYPE_IDS} for families that use token types.
 *   <li>Outputs: {@code <task>.logits} per task ({@link #logits}); an encoder-only graph gives
 *       {@value #LAST_HIDDEN_STATE} and, for families with a pooler, {@value #POOLER_OUTPUT}.
 * </ul>
 */
public final class OnnxContract {

  /** Token ids, int64 {@code [batch, sequence]}. */
  public static final String INPUT_IDS = "input_ids";

  /** 1 for real tokens, 0 for padding, int64 {@code [batch, sequence]}. */
  public static final String ATTENTION_MASK = "attention_mask";

  /** Segment ids, int64 {@code [batch, sequence]}; only for families that use them. */
  public static final String TOKEN_TYPE_IDS = "token_type_ids";

  /** The encoder's last hidden states, float {@code [batch, sequence, hidden]}. */
  public static final String LAST_HIDDEN_STATE = "last_hidden_state";

  /** The pooled sentence vector of families with a pooler, float {@code [batch, hidden]}. */
  public static final String POOLER_OUTPUT = "pooler_output";

  private static final String LOGITS_SUFFIX = ".logits";

  private OnnxContract() {}

  /**
   * @param family an encoder family
   * @return the inputs its graphs take, in order
   */
  public static List<String> inputs(EncoderFamily family) {
    return inputs(family.usesTokenTypeIds());
  }

  /**
   * @param tokenTypes whether the graph takes token types
   * @return the inputs, in order
   */
  public static List<String> inputs(boolean tokenTypes) {
    return tokenTypes
        ? List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS)
        : List.of(INPUT_IDS, ATTENTION_MASK);
  }

  /**
   * @return every input name the contract knows
   */
  public static List<String> allInputs() {
    return inputs(true);
  }

  /**
   * @param task a task name
   * @return the output carrying its logits, {@code <task>.logits}
   */
  public static String logits(String task) {
    return task + LOGITS_SUFFIX;
  }

  /**
   * @param output an output name
   * @return whether it is a task's logits output
   */
  public static boolean isLogits(String output) {
    return output.endsWith(LOGITS_SUFFIX) && output.length() > LOGITS_SUFFIX.length();
  }
}
