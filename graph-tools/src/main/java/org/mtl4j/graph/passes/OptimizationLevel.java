package org.mtl4j.graph.passes;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How far {@code mtl optimize} goes: clean, then fused, then one of the precision levels (int8 or
 * fp16), each of which includes fused.
 */
public enum OptimizationLevel {
  /** Dead code, no-ops, constant folding, duplicate initializers. */
  CLEAN,
  /** Clean plus ONNX Runtime's contrib fusions (layer norms, GELU, attention). */
  FUSED,
  /** Fused plus dynamic int8 quantization of the weight MatMuls. */
  INT8,
  /**
   * Fused plus float16 weights and compute, with float32 graph inputs and outputs and the
   * numerically sensitive operators kept in float32.
   */
  FP16;

  /** The metadata key recording the level of an optimized model. */
  public static final String LEVEL_KEY = "mtl4j.optimize.level";

  /** The metadata key recording the passes that changed an optimized model, comma-separated. */
  public static final String PASSES_KEY = "mtl4j.optimize.passes";

  /**
   * @return the level as the CLI spells it
   */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param portableFileName the portable graph's file name, e.g. {@code model.onnx}
   * @return the optimized file's default name beside it, e.g. {@code model.int8.onnx}
   */
  public String fileName(String portableFileName) {
    String stem =
        portableFileName.endsWith(".onnx")
            ? portableFileName.substring(0, portableFileName.length() - 5)
            : portableFileName;
    return stem + "." + cliName() + ".onnx";
  }

  /**
   * @param text a level name in any case
   * @return the level
   * @throws IllegalArgumentException naming the unknown level and the known ones
   */
  public static OptimizationLevel parse(String text) {
    for (OptimizationLevel l : values()) {
      if (l.name().equalsIgnoreCase(text)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "unknown optimization level '"
            + text
            + "'; known levels: "
            + Arrays.stream(values())
                .map(OptimizationLevel::cliName)
                .collect(Collectors.joining(", ")));
  }
}
