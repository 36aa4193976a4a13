package org.mtl4j.train.encoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.hf.HfCheckpoint;
import org.mtl4j.zoo.pretrained.PretrainedSource;

/** Resolves the SOURCE argument of encoder commands to a checkpoint in memory. */
public final class EncoderSources {

  private EncoderSources() {}

  /**
   * @param source a pretrained name ({@link PretrainedSource#ids()}) or a HuggingFace checkpoint
   *     folder ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json})
   * @return the checkpoint
   * @throws IllegalArgumentException when the source is neither
   */
  public static EncoderCheckpoint resolve(String source) {
    Optional<PretrainedSource> pretrained = PretrainedSource.find(source);
    if (pretrained.isPresent()) {
      return pretrained.get().load();
    }
    Path path = Path.of(source);
    if (Files.isDirectory(path)) {
      return HfCheckpoint.read(path);
    }
    throw new IllegalArgumentException(
        "'"
            + source
            + "' is neither a pretrained encoder ("
            + String.join(", ", PretrainedSource.ids())
            + ") nor a HuggingFace checkpoint folder (config.json, "
            + HfCheckpoint.WEIGHTS
            + ", "
            + HfCheckpoint.TOKENIZER
            + ")");
  }
}
