package org.mtl4j.zoo.pkg;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The manifest of a model package ({@code mtl.json}); also stored in an exported ONNX file's {@code
 * metadata_props} under {@link #METADATA_KEY}.
 *
 * @param formatVersion manifest format version, {@link #FORMAT_VERSION} when written by this build
 * @param encoder the shared encoder
 * @param tokenizer how inputs are tokenized
 * @param tasks the task heads in output order (may be empty for an encoder-only package)
 * @param provenance free-form facts about how the package was made (tool version, seed, data)
 * @param files package file name to lowercase hex SHA-256, verified on load
 * @param modelFiles model files written after the package was sealed ({@code model.onnx}, optimized
 *     flavours, external data) with their checksums, verified when a model is loaded (format 2 on;
 *     empty for format 1)
 */
public record Manifest(
    int formatVersion,
    EncoderInfo encoder,
    TokenizerInfo tokenizer,
    List<TaskSpec> tasks,
    Map<String, String> provenance,
    Map<String, String> files,
    Map<String, ModelFileChecksum> modelFiles) {

  /**
   * The manifest format this build writes: 2, whose tokenizer record carries the facts parsed from
   * tokenizer.json ({@link TokenizerFacts}) and which records model files written later ({@code
   * modelFiles}); format 1 manifests still load.
   */
  public static final int FORMAT_VERSION = 2;

  /** The manifest's file name inside a package. */
  public static final String FILE_NAME = "mtl.json";

  /** The {@code metadata_props} key under which an ONNX file carries the manifest JSON. */
  public static final String METADATA_KEY = "mtl4j.manifest";

  /** The {@code metadata_props} key under which an ONNX file carries tokenizer.json. */
  public static final String TOKENIZER_METADATA_KEY = "mtl4j.tokenizer";

  /** Validates the values: a known format version and unique task names. */
  public Manifest {
    if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "manifest formatVersion "
              + formatVersion
              + " is not supported (this build reads 1.."
              + FORMAT_VERSION
              + ")");
    }
    Objects.requireNonNull(encoder, "manifest encoder");
    Objects.requireNonNull(tokenizer, "manifest tokenizer");
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    files = files == null ? Map.of() : Map.copyOf(files);
    modelFiles = modelFiles == null ? Map.of() : Map.copyOf(modelFiles);
    Set<String> seen = new HashSet<>();
    for (TaskSpec task : tasks) {
      if (!seen.add(task.name())) {
        throw new IllegalArgumentException("task '" + task.name() + "' appears twice in manifest");
      }
    }
  }

  /**
   * A manifest with no model files recorded yet.
   *
   * @param formatVersion manifest format version
   * @param encoder the shared encoder
   * @param tokenizer how inputs are tokenized
   * @param tasks the task heads in output order
   * @param provenance facts about how the package was made
   * @param files package file name to SHA-256
   */
  public Manifest(
      int formatVersion,
      EncoderInfo encoder,
      TokenizerInfo tokenizer,
      List<TaskSpec> tasks,
      Map<String, String> provenance,
      Map<String, String> files) {
    this(formatVersion, encoder, tokenizer, tasks, provenance, files, Map.of());
  }

  /**
   * @param name a task name
   * @return the task with that name, if any
   */
  public Optional<TaskSpec> task(String name) {
    return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * @param newFiles the file checksums to record
   * @return a copy of this manifest with {@code files} replaced
   */
  public Manifest withFiles(Map<String, String> newFiles) {
    return new Manifest(formatVersion, encoder, tokenizer, tasks, provenance, newFiles, modelFiles);
  }

  /**
   * @param newModelFiles the model file checksums to record
   * @return a copy of this manifest in this build's format with {@code modelFiles} replaced
   */
  public Manifest withModelFiles(Map<String, ModelFileChecksum> newModelFiles) {
    return new Manifest(
        FORMAT_VERSION, encoder, tokenizer, tasks, provenance, files, newModelFiles);
  }

  /**
   * @param newTasks the tasks to keep
   * @return a copy of this manifest with those tasks and no file checksums, as an exported graph
   *     carries it in its metadata
   */
  public Manifest forGraph(List<TaskSpec> newTasks) {
    return new Manifest(
        formatVersion, encoder, tokenizer, newTasks, provenance, Map.of(), Map.of());
  }
}
