package org.mtl4j.train.encoder;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.hf.HfCheckpoint;

/** Resolves the SOURCE argument of encoder commands to a checkpoint in memory. */
public final class EncoderSources {

  private EncoderSources() {}

  /**
   * @param source a HuggingFace checkpoint folder ({@code config.json}, {@code model.safetensors},
   *     {@code tokenizer.json})
   * @return the checkpoint
   * @throws IllegalArgumentException when the source is not a checkpoint folder
   */
  public static EncoderCheckpoint resolve(String source) {
    Path path = Path.of(source);
    if (Files.isDirectory(path)) {
      return HfCheckpoint.read(path);
    }
    throw new IllegalArgumentException(
        "'" + source + "' is not a HuggingFace checkpoint folder (config.json, "
            + HfCheckpoint.WEIGHTS + ", " + HfCheckpoint.TOKENIZER + ")");
  }
}
