package org.mtl4j.graph.passes.quant;

import java.nio.ByteBuffer;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Tensor;

/**
 * Symmetric int8 quantization of a {@code [in, out]} float weight per output column: {@code
 * scale[c] = max|W[:, c]| / 127}, {@code q = round(W / scale)} in {@code [-127, 127]}, zero point
 * 0.
 *
 * @param values the int8 weight, {@code [in, out]}
 * @param scales the float scales, {@code [out]}
 * @param zeroPoints the int8 zero points (all 0), {@code [out]}
 */
record WeightQuantizer(Tensor values, Tensor scales, Tensor zeroPoints) {

  static WeightQuantizer perColumn(Tensor weight, String baseName) {
    int rows = (int) weight.dims()[0];
    int cols = (int) weight.dims()[1];
    float[] w = weight.toFloatArray();
    float[] scale = new float[cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        scale[c] = Math.max(scale[c], Math.abs(w[r * cols + c]));
      }
    }
    for (int c = 0; c < cols; c++) {
      scale[c] = scale[c] == 0 ? 1f : scale[c] / 127f;
    }
    byte[] q = new byte[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        q[i] = (byte) Math.max(-127, Math.min(127, Math.round(w[i] / scale[c])));
      }
    }
    ByteBuffer zeros = ByteBuffer.allocate(cols);
    return new WeightQuantizer(
        Tensor.of(baseName + ".int8", ElemType.INT8, weight.dims(), ByteBuffer.wrap(q)),
        Tensor.floats(baseName + ".scale", new long[] {cols}, scale),
        Tensor.of(baseName + ".zero_point", ElemType.INT8, new long[] {cols}, zeros));
  }
}
