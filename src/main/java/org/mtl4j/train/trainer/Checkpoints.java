package org.mtl4j.train.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.report.RunFiles;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The {@code training/} folder of a run's output: {@code state.safetensors}, the resumable
 * checkpoint (weights as {@code param/<name>}, AdamW moments, and the {@link TrainingState} in its
 * metadata, all in one file written atomically, so a crash leaves the previous checkpoint whole);
 * {@code best.safetensors}, the weights of the best epoch on dev; and {@code log.jsonl}. The two
 * checkpoint files are removed once the package is written.
 */
final class Checkpoints {

  private static final String PARAM = "param/";

  private final Path dir;

  /** A saved checkpoint. */
  record Saved(Map<String, FloatTensor> weights, Map<String, FloatTensor> optimizer, TrainingState state) {}

  Checkpoints(Path outputDir) {
    this.dir = RunFiles.of(outputDir).dir();
  }

  Path state() {
    return dir.resolve("state.safetensors");
  }

  Path best() {
    return dir.resolve("best.safetensors");
  }

  Path log() {
    return new RunFiles(dir).log();
  }

  boolean hasState() {
    return Files.isRegularFile(state());
  }

  void save(MultiTaskModel model, AdamW optimizer, TrainingState state) {
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    model.snapshot().forEach((name, t) -> tensors.put(PARAM + name, t));
    tensors.putAll(optimizer.state());
    SafeTensorsWriter.write(state(), tensors, state.toMetadata());
  }

  Optional<Saved> load() {
    if (!hasState()) {
      return Optional.empty();
    }
    try (SafeTensorsReader reader = SafeTensorsReader.open(state())) {
      Map<String, FloatTensor> weights = new LinkedHashMap<>();
      Map<String, FloatTensor> optimizer = new LinkedHashMap<>();
      reader.readAll().forEach((name, t) -> {
        if (name.startsWith(PARAM)) {
          weights.put(name.substring(PARAM.length()), t);
        } else {
          optimizer.put(name, t);
        }
      });
      return Optional.of(new Saved(
          weights, optimizer, TrainingState.fromMetadata(reader.metadata(), state().toString())));
    }
  }

  void saveBest(MultiTaskModel model) {
    model.save(best());
  }

  void removeCheckpoints() {
    try {
      Files.deleteIfExists(state());
      Files.deleteIfExists(best());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove checkpoints in " + dir + ": " + e.getMessage(), e);
    }
  }
}
