package org.mtl4j.zoo.pkg;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Writes model packages: weights and tokenizer first (each atomically), then the sealed manifest
 * ({@link ModelPackage#seal(Path, Manifest)}).
 */
public final class PackageWriter {

  private PackageWriter() {}

  /**
   * Writes a package. Files already in the folder (a {@code reference/} written before, say) are
   * kept and sealed with the rest.
   *
   * @param dir the package directory, created if needed
   * @param manifest the manifest; its {@code files} are replaced by the checksums
   * @param weights encoder under HuggingFace names, heads under {@code heads.<task>.*}
   * @param tokenizerJson the tokenizer.json text
   * @return the opened package
   */
  public static ModelPackage write(
      Path dir, Manifest manifest, Map<String, FloatTensor> weights, String tokenizerJson) {
    SafeTensorsWriter.write(
        dir.resolve(ModelPackage.WEIGHTS), weights, Map.of("format", "pt", "producer", "mtl4j"));
    AtomicFiles.writeString(dir.resolve(manifest.tokenizer().file()), tokenizerJson);
    ModelPackage.seal(dir, manifest);
    return ModelPackage.open(dir);
  }

  /**
   * Writes a package with reference outputs: the reference set first, then weights, tokenizer and
   * the sealed manifest.
   *
   * @param dir the package directory, created if needed
   * @param manifest the manifest; its {@code files} are replaced by the checksums
   * @param weights encoder under HuggingFace names, heads under {@code heads.<task>.*}
   * @param tokenizerJson the tokenizer.json text
   * @param reference the reference outputs, written to {@link ModelPackage#REFERENCE}
   * @return the opened package
   */
  public static ModelPackage write(
      Path dir,
      Manifest manifest,
      Map<String, FloatTensor> weights,
      String tokenizerJson,
      ReferenceSet reference) {
    reference.write(dir.resolve(ModelPackage.REFERENCE));
    return write(dir, manifest, weights, tokenizerJson);
  }

  /**
   * Writes an encoder-only package (no task heads) from a checkpoint or pretrained source.
   *
   * @param checkpoint the encoder
   * @param dir the package directory
   * @param provenance facts about the origin, e.g. {@code source}
   * @return the opened package
   */
  public static ModelPackage writeEncoder(
      EncoderCheckpoint checkpoint, Path dir, Map<String, String> provenance) {
    return write(
        dir,
        manifest(checkpoint, List.of(), provenance),
        checkpoint.weights(),
        checkpoint.tokenizerJson());
  }

  /**
   * The manifest of a package made from a checkpoint: its encoder config, its tokenizer facts
   * ({@link #tokenizerInfo}) and the given tasks.
   *
   * @param checkpoint the encoder
   * @param tasks the task heads the package carries, in output order; empty for none
   * @param provenance facts about the origin, e.g. {@code source}
   * @return the manifest (its {@code files} are filled in when the package is written)
   */
  public static Manifest manifest(
      EncoderCheckpoint checkpoint, List<TaskSpec> tasks, Map<String, String> provenance) {
    EncoderConfig config = checkpoint.config();
    return new Manifest(
        Manifest.FORMAT_VERSION,
        new EncoderInfo(config.family().modelType(), HfConfigJson.toJson(config)),
        tokenizerInfo(checkpoint),
        tasks,
        provenance,
        Map.of());
  }

  /**
   * The tokenizer record of a checkpoint: the family's maximum length and the facts parsed from its
   * tokenizer.json.
   *
   * @param checkpoint the encoder
   * @return the tokenizer info for its manifest
   */
  public static TokenizerInfo tokenizerInfo(EncoderCheckpoint checkpoint) {
    EncoderConfig config = checkpoint.config();
    return TokenizerInfo.of(
        ModelPackage.TOKENIZER,
        config.maxSequenceLength(),
        TokenizerFacts.parse(
            checkpoint.tokenizerJson(),
            checkpoint.source() + ": tokenizer.json",
            config.family().padLeft()));
  }
}
