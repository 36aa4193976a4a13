package org.mtl4j.zoo.encoder;

import java.util.Objects;

/**
 * A named architecture: the config of a published checkpoint (or a tiny test model). It gives the
 * shapes; weights come from a checkpoint or a seeded random initialisation.
 *
 * @param name the preset name, e.g. {@code bert-base-uncased} or {@code tiny-bert}
 * @param config the encoder config
 */
public record Preset(String name, EncoderConfig config) {

  /** Validates the values. */
  public Preset {
    Objects.requireNonNull(name, "preset name");
    Objects.requireNonNull(config, "preset config of " + name);
  }
}
