package org.mtl4j.train.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.mtl4j.zoo.EncoderSources;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.Preset;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pretrained.PretrainedSource;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * Turns the {@code --encoder} argument (or a task file's {@code encoder:} key) into the encoder a
 * run starts from: a HuggingFace checkpoint folder, a model package, a pretrained name, or a preset
 * (random weights from the seed and a word-level tokenizer built from the training data, {@link
 * PresetTokenizer}).
 */
public final class EncoderResolver {

  /** The encoder used when neither the command line nor the task file names one. */
  public static final String DEFAULT = "all-minilm-l6-v2";

  private EncoderResolver() {}

  /**
   * @param name a folder, a pretrained name or a preset name
   * @param seed seeds a preset's random weights
   * @param trainingWords the training data's words, read only for a preset
   * @return the encoder setup
   * @throws IllegalArgumentException naming the accepted values when nothing matches
   */
  public static EncoderSetup resolve(String name, long seed, Supplier<List<String>> trainingWords) {
    if (Files.isDirectory(Path.of(name)) || PretrainedSource.find(name).isPresent()) {
      return of(EncoderSources.load(name));
    }
    Optional<Preset> preset = Presets.find(name);
    if (preset.isPresent()) {
      EncoderConfig config = preset.get().config();
      return new EncoderSetup(
          config,
          RandomWeights.of(config, config.family().hasPooler(), seed),
          PresetTokenizer.build(config, trainingWords.get()),
          "preset " + name + " (random weights, seed " + seed + ")");
    }
    throw new IllegalArgumentException(
        "unknown encoder '"
            + name
            + "': not a folder, and not a pretrained name ("
            + String.join(", ", PretrainedSource.ids())
            + ") or preset ("
            + String.join(", ", Presets.names())
            + ")");
  }

  private static EncoderSetup of(EncoderCheckpoint checkpoint) {
    return new EncoderSetup(
        checkpoint.config(), checkpoint.weights(), checkpoint.tokenizerJson(), checkpoint.source());
  }
}
