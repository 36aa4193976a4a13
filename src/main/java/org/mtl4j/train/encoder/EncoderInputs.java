package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The inputs of one encoder forward pass, checked: all int64 {@code [batch, sequence]}.
 *
 * @param inputIds token ids
 * @param attentionMask 1 for tokens, 0 for padding
 * @param tokenTypeIds segment ids, or null when the family has none or the caller left them out
 */
record EncoderInputs(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds) {

  /**
   * Reads the inputs in the block's order.
   *
   * @param inputs the arrays passed to the block
   * @param names the block's input names; the last of three ({@code token_type_ids}) may be absent
   * @throws IllegalArgumentException when an input is missing, extra, of the wrong type or shape
   */
  static EncoderInputs of(NDList inputs, List<String> names) {
    int required = 2;
    if (inputs.size() < required || inputs.size() > names.size()) {
      throw new IllegalArgumentException(
          "the encoder takes "
              + String.join(", ", names)
              + " (token_type_ids optional) but got "
              + inputs.size()
              + " arrays");
    }
    Shape shape = inputs.get(0).getShape();
    for (int i = 0; i < inputs.size(); i++) {
      NDArray a = inputs.get(i);
      if (a.getShape().dimension() != 2 || !a.getShape().equals(shape)) {
        throw new IllegalArgumentException(
            names.get(i)
                + " has shape "
                + a.getShape()
                + "; expected [batch, sequence] = "
                + shape);
      }
      if (a.getDataType() != DataType.INT64) {
        throw new IllegalArgumentException(
            names.get(i) + " is " + a.getDataType() + "; expected int64");
      }
    }
    return new EncoderInputs(
        inputs.get(0), inputs.get(1), inputs.size() > required ? inputs.get(2) : null);
  }

  /**
   * @return the segment ids, zeros when none were given
   */
  NDArray tokenTypesOrZeros() {
    return tokenTypeIds != null ? tokenTypeIds : inputIds.zerosLike();
  }
}
