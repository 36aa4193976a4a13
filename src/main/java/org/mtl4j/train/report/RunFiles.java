package org.mtl4j.train.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * The run's files in a package's {@code training/} folder that the report reads: {@code log.jsonl}
 * (written during training), {@code history.json} (dev metrics per epoch and the best epoch) and
 * {@code dev-predictions.json} (gold and predicted dev labels of the package's weights), the last
 * two written with the package.
 *
 * @param dir the {@code training/} folder
 */
public record RunFiles(Path dir) {

  /** The folder's name inside a package. */
  public static final String DIR = "training";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Map<String, Map<String, Double>>>> EPOCHS =
      new TypeReference<>() {};
  private static final TypeReference<List<List<String>>> ROWS = new TypeReference<>() {};

  /**
   * @param packageDir a package folder
   * @return its run files
   */
  public static RunFiles of(Path packageDir) {
    return new RunFiles(packageDir.resolve(DIR));
  }

  /**
   * @return the per-batch log
   */
  public Path log() {
    return dir.resolve("log.jsonl");
  }

  Path history() {
    return dir.resolve("history.json");
  }

  Path predictions() {
    return dir.resolve("dev-predictions.json");
  }

  /**
   * Records the dev metrics of every epoch.
   *
   * @param epochs per finished epoch, task to metric to value
   * @param bestEpoch the epoch (from 0) whose weights the package holds
   */
  public void writeHistory(List<Map<String, Map<String, Double>>> epochs, int bestEpoch) {
    ObjectNode root = JSON.createObjectNode();
    root.put("best_epoch", bestEpoch + 1);
    root.set("epochs", JSON.valueToTree(epochs));
    AtomicFiles.writeString(history(), root.toPrettyString());
  }

  /**
   * Records the package's dev predictions.
   *
   * @param outcomes one per task with dev data
   */
  public void writePredictions(List<TaskOutcome> outcomes) {
    ArrayNode tasks = JSON.createArrayNode();
    for (TaskOutcome o : outcomes) {
      ObjectNode t = tasks.addObject();
      t.put("task", o.task());
      t.put("type", o.type().fileName());
      t.set("labels", JSON.valueToTree(o.labels()));
      t.set("gold", JSON.valueToTree(o.gold()));
      t.set("predicted", JSON.valueToTree(o.predicted()));
    }
    AtomicFiles.writeString(predictions(), JSON.createObjectNode().set("tasks", tasks).toString());
  }

  /**
   * @return the dev metrics per epoch, in order
   */
  List<Map<String, Map<String, Double>>> epochs() {
    return JSON.convertValue(read(history()).path("epochs"), EPOCHS);
  }

  /**
   * @return the best epoch, from 1
   */
  int bestEpoch() {
    return read(history()).path("best_epoch").asInt();
  }

  /**
   * @return the dev predictions per task
   */
  List<TaskOutcome> outcomes() {
    List<TaskOutcome> out = new ArrayList<>();
    for (JsonNode t : read(predictions()).path("tasks")) {
      out.add(
          new TaskOutcome(
              t.path("task").asText(),
              TaskType.fromFileName(t.path("type").asText()),
              JSON.convertValue(t.path("labels"), new TypeReference<List<String>>() {}),
              JSON.convertValue(t.path("gold"), ROWS),
              JSON.convertValue(t.path("predicted"), ROWS)));
    }
    return out;
  }

  private static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file
              + " is missing; the report needs the files a finished"
              + " mtl train leaves in "
              + DIR
              + "/");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
