package org.mtl4j.train.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.report.RunFiles;
import org.mtl4j.zoo.pkg.ModelPackage;
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
  record Saved(
      Map<String, FloatTensor> weights, Map<String, FloatTensor> optimizer, TrainingState state) {}

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

  /**
   * @return whether the output folder holds only what a run writes before its first checkpoint and
   *     is not empty: {@code tokenizer.json}, this folder with at most {@code log.jsonl}, and
   *     hidden temporary files of writes that were cut off
   */
  boolean startedWithoutCheckpoint() {
    Path out = dir.getParent();
    if (!Files.isDirectory(out)) {
      return false;
    }
    List<String> top = names(out);
    boolean leftovers =
        !top.isEmpty()
            && top.stream()
                .allMatch(
                    n ->
                        n.startsWith(".")
                            || n.equals(RunFiles.DIR)
                            || n.equals(ModelPackage.TOKENIZER));
    return leftovers
        && (!Files.isDirectory(dir)
            || names(dir).stream()
                .allMatch(n -> n.startsWith(".") || n.equals(log().getFileName().toString())));
  }

  private static List<String> names(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
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
      reader
          .readAll()
          .forEach(
              (name, t) -> {
                if (name.startsWith(PARAM)) {
                  weights.put(name.substring(PARAM.length()), t);
                } else {
                  optimizer.put(name, t);
                }
              });
      return Optional.of(
          new Saved(
              weights,
              optimizer,
              TrainingState.fromMetadata(reader.metadata(), state().toString())));
    }
  }

  void saveBest(MultiTaskModel model) {
    model.save(best());
  }

  /**
   * @return the checkpoint files' names relative to the output folder
   */
  Set<String> fileNames() {
    return Set.of(
        RunFiles.DIR + "/" + state().getFileName(), RunFiles.DIR + "/" + best().getFileName());
  }

  void removeCheckpoints() {
    try {
      Files.deleteIfExists(state());
      Files.deleteIfExists(best());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot remove checkpoints in " + dir + ": " + e.getMessage(), e);
    }
  }
}
