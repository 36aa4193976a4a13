package org.mtl4j.zoo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.hf.HfCheckpoint;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pretrained.PretrainedSource;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Resolves what a user names as an encoder source: a pretrained name ({@link
 * PretrainedSource#ids()}), a HuggingFace checkpoint folder (with config.json) or a model package
 * (with mtl.json, whose encoder is taken without its task heads).
 */
public final class EncoderSources {

  /** The prefix of task-head tensors in a package's weights. */
  public static final String HEADS_PREFIX = "heads.";

  private EncoderSources() {}

  /**
   * @param source a pretrained name or a folder path
   * @return the encoder
   * @throws ModelFormatException when the source is neither a known name nor a usable folder
   */
  public static EncoderCheckpoint load(String source) {
    if (PretrainedSource.find(source).isPresent()) {
      return PretrainedSource.get(source).load();
    }
    Path dir = Path.of(source);
    if (Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
      return fromPackage(ModelPackage.open(dir));
    }
    if (HfCheckpoint.looksLikeCheckpoint(dir)) {
      return HfCheckpoint.read(dir);
    }
    throw new ModelFormatException(
        "encoder source '"
            + source
            + "' is not a pretrained name ("
            + String.join(", ", PretrainedSource.ids())
            + "), a checkpoint folder with config.json, or a package folder with mtl.json");
  }

  /**
   * @param pkg an opened package
   * @return its encoder: config, weights without {@code heads.*}, tokenizer
   */
  public static EncoderCheckpoint fromPackage(ModelPackage pkg) {
    Map<String, FloatTensor> encoder = new LinkedHashMap<>();
    pkg.readWeights()
        .forEach(
            (name, tensor) -> {
              if (!name.startsWith(HEADS_PREFIX)) {
                encoder.put(name, tensor);
              }
            });
    return new EncoderCheckpoint(
        pkg.encoderConfig(), encoder, pkg.tokenizerJson(), pkg.dir().toString());
  }
}
