package org.mtl4j.train.reference;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.train.encoder.EncoderBlock;
import org.mtl4j.train.encoder.EncoderBlocks;
import org.mtl4j.train.heads.Heads;
import org.mtl4j.train.heads.TaskHead;
import org.mtl4j.zoo.EncoderSources;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.PackageWriter;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Makes a model package from an encoder checkpoint: the encoder's weights, optionally the heads
 * (and tasks) of another package, and reference outputs recorded by the DJL encoder and heads on
 * the standard probe batches ({@link ProbeBatches}).
 */
public final class PackageConversion {

  /** The seed of the probe batches' token ids. */
  public static final long PROBE_SEED = 20240501L;

  private PackageConversion() {}

  /**
   * @param checkpoint the encoder
   * @param heads a package whose tasks and heads to take, or null for an encoder-only package
   * @param out the package folder to write
   * @return the written package
   * @throws IllegalArgumentException when the heads do not fit the encoder (naming the task)
   */
  public static ModelPackage convert(EncoderCheckpoint checkpoint, ModelPackage heads, Path out) {
    EncoderConfig config = checkpoint.config();
    List<TaskSpec> tasks = heads == null ? List.of() : heads.manifest().tasks();
    Map<String, FloatTensor> all = new LinkedHashMap<>(checkpoint.weights());
    if (heads != null) {
      heads
          .readWeights()
          .forEach(
              (name, t) -> {
                if (name.startsWith(EncoderSources.HEADS_PREFIX)) {
                  all.put(name, t);
                }
              });
    }
    int maxLength = config.maxSequenceLength();
    ReferenceSet reference;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      EncoderBlock block = EncoderBlocks.of(checkpoint, manager);
      List<TaskHead> taskHeads =
          tasks.stream()
              .map(t -> Heads.create(t, config.hiddenSize(), all, manager, heads.dir().toString()))
              .toList();
      reference =
          ReferenceRecorder.record(
              block, taskHeads, ProbeBatches.standard(config, maxLength, PROBE_SEED), manager);
    }
    Manifest manifest =
        PackageWriter.manifest(
            checkpoint, tasks, Map.of("source", checkpoint.source(), "converter", "mtl convert"));
    return PackageWriter.write(out, manifest, all, checkpoint.tokenizerJson(), reference);
  }
}
