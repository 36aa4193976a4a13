package org.mtl4j.zoo.encoder;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mtl4j.zoo.ModelFormatException;

/** Feed-forward activations of the supported families, with their HuggingFace names. */
public enum Activation {
  /** Exact GELU, {@code x * Phi(x)} with the error function: HF {@code gelu}. */
  GELU("gelu", List.of()),
  /**
   * GELU's tanh approximation {@code 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3)))}: HF {@code
   * gelu_new}; {@code gelu_pytorch_tanh} and {@code gelu_fast} are the same function.
   */
  GELU_TANH("gelu_new", List.of("gelu_pytorch_tanh", "gelu_fast")),
  /** ReLU: HF {@code relu}. */
  RELU("relu", List.of());

  private final String hfName;
  private final List<String> aliases;

  Activation(String hfName, List<String> aliases) {
    this.hfName = hfName;
    this.aliases = aliases;
  }

  /**
   * @return the HuggingFace name written to config.json
   */
  public String hfName() {
    return hfName;
  }

  /**
   * @param name a HuggingFace activation name ({@code hidden_act}, {@code activation}, {@code
   *     ff_activation})
   * @return the activation
   * @throws ModelFormatException naming the accepted values when the name is unknown
   */
  public static Activation fromHfName(String name) {
    for (Activation a : values()) {
      if (a.hfName.equals(name) || a.aliases.contains(name)) {
        return a;
      }
    }
    throw new ModelFormatException(
        "unsupported activation '"
            + name
            + "'; supported: "
            + Arrays.stream(values())
                .flatMap(a -> Stream.concat(Stream.of(a.hfName), a.aliases.stream()))
                .collect(Collectors.joining(", ")));
  }
}
