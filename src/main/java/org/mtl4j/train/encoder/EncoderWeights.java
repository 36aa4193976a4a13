package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.ParameterSpec;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.ParameterMatch;
import org.mtl4j.zoo.weights.ParameterMatcher;

/**
 * Moves weights between an {@link EncoderBlock} and tensors keyed by HuggingFace name, the form the
 * model zoo reads from and writes to safetensors, checkpoints and packages.
 */
public final class EncoderWeights {

  private EncoderWeights() {}

  /**
   * Gives every parameter of a fresh block its value, as float32 on {@code manager}'s device.
   *
   * @param block a block whose parameters hold no values yet
   * @param weights tensors by HuggingFace name, with or without the family's task prefix; tensors
   *     outside the encoder (task heads, buffers) are ignored
   * @param manager the manager that owns the new arrays
   * @param source where the weights came from, for messages
   * @throws ModelFormatException listing missing, unexpected and mis-shaped tensors, or when the
   *     block has a pooler and the weights do not
   * @throws IllegalStateException when the block already holds values
   */
  public static void load(
      EncoderBlock block, Map<String, FloatTensor> weights, NDManager manager, String source) {
    ParameterMatch match = match(block.config(), weights, source);
    if (block.hasPooler() && !match.pooler()) {
      throw new ModelFormatException(
          source
              + " has no pooler weights, but the "
              + block.family().modelType()
              + " block was built with a pooler");
    }
    for (ParameterSpec spec : block.parameterSpecs()) {
      Parameter parameter = block.parameter(spec.name());
      if (parameter.isInitialized()) {
        throw new IllegalStateException(
            "parameter " + spec.name() + " already holds a value; load weights into a fresh block");
      }
      FloatTensor tensor = weights.get(match.sourceNames().get(spec.name()));
      parameter.setArray(manager.create(tensor.data(), new Shape(tensor.shape())));
    }
  }

  /**
   * Copies the block's current values out, in state_dict order.
   *
   * @param block a block holding values
   * @return tensors by HuggingFace name (no task prefix)
   */
  public static Map<String, FloatTensor> snapshot(EncoderBlock block) {
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    for (ParameterSpec spec : block.parameterSpecs()) {
      NDArray array = block.parameter(spec.name()).getArray();
      out.put(spec.name(), new FloatTensor(array.getShape().getShape(), array.toFloatArray()));
    }
    return out;
  }

  /**
   * Writes the block's current values to a safetensors file (F32, HuggingFace names, atomically).
   *
   * @param block a block holding values
   * @param file the file to write
   */
  public static void save(EncoderBlock block, Path file) {
    SafeTensorsWriter.write(file, snapshot(block));
  }

  /**
   * Reads a safetensors file into a fresh block ({@link #load(EncoderBlock, Map, NDManager,
   * String)}).
   *
   * @param block a block whose parameters hold no values yet
   * @param file a safetensors file with the encoder's tensors (F32, F16 or BF16)
   * @param manager the manager that owns the new arrays
   */
  public static void load(EncoderBlock block, Path file, NDManager manager) {
    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      load(block, reader.readAll(), manager, file.toString());
    }
  }

  /** Whether the weights hold the family's pooler (after checking them against the spec). */
  static boolean holdsPooler(
      EncoderConfig config, Map<String, FloatTensor> weights, String source) {
    return match(config, weights, source).pooler();
  }

  private static ParameterMatch match(
      EncoderConfig config, Map<String, FloatTensor> weights, String source) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    weights.forEach((name, tensor) -> shapes.put(name, tensor.shape()));
    return ParameterMatcher.match(config, shapes, source);
  }
}
