package org.mtl4j.train.tasks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

/** Reads one task file: YAML structure with line numbers first, then every key's value. */
final class TaskFileParser {

  private static final Set<String> KEYS =
      Set.of(
          "task_type",
          "loss_type",
          "file_names",
          "class_num",
          "label_map_or_file",
          "dropout_prob",
          "metrics",
          "loss_weight",
          "model_type",
          "config_name",
          "encoder");
  private static final List<String> MODEL_TYPES =
      List.of("BERT", "DISTILBERT", "ROBERTA", "ALBERT", "XLNET");
  private static final Pattern TASK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final double DEFAULT_DROPOUT = 0.05;
  private static final double DEFAULT_LOSS_WEIGHT = 1.0;

  /** A key's value and the line of the key. */
  private record Entry(JsonNode value, int line) {}

  /** A task's raw settings in file order. */
  private record RawTask(String name, int line, Map<String, Entry> entries) {}

  /** The first task that set an encoder-wide key, to compare the others with. */
  private record Shared(String value, String task, int line) {}

  private final Path file;
  private final Path folder;
  private final Map<String, Shared> shared = new HashMap<>();

  TaskFileParser(Path file) {
    this.file = file;
    this.folder = file.toAbsolutePath().getParent();
  }

  TaskFile parse() {
    if (!Files.isRegularFile(file)) {
      throw new TaskFileException(file, 0, null, "no such task file");
    }
    List<TaskDefinition> tasks = new ArrayList<>();
    for (RawTask raw : readStructure()) {
      tasks.add(task(raw));
    }
    return new TaskFile(
        file, tasks, sharedValue("encoder"), sharedValue("model_type"), sharedValue("config_name"));
  }

  private String sharedValue(String key) {
    Shared s = shared.get(key);
    return s == null ? null : s.value();
  }

  private List<RawTask> readStructure() {
    try (JsonParser p =
        new YAMLFactory().createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      JsonToken top = p.nextToken();
      if (top == null) {
        throw new TaskFileException(file, 1, null, "empty task file; expected task names");
      }
      if (top != JsonToken.START_OBJECT) {
        throw new TaskFileException(
            file, line(p), null, "expected a mapping from task names to their settings");
      }
      List<RawTask> tasks = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        int line = line(p);
        Integer before = seen.putIfAbsent(name, line);
        if (before != null) {
          throw new TaskFileException(
              file, line, name, "defined twice (first on line " + before + ")");
        }
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new TaskFileException(
              file, line(p), name, "expected the task's settings as a mapping of keys");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = line(p);
          p.nextToken();
          JsonNode value = value(p);
          if (entries.put(key, new Entry(value, keyLine)) != null) {
            throw new TaskFileException(file, keyLine, name, "key '" + key + "' given twice");
          }
        }
        tasks.add(new RawTask(name, line, entries));
      }
      if (tasks.isEmpty()) {
        throw new TaskFileException(file, 1, null, "no tasks defined");
      }
      return tasks;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new TaskFileException(file, line, null, "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read task file " + file, e);
    }
  }

  /**
   * Reads the value at the current token with every scalar as the text written in the file, so that
   * YAML 1.1 never turns a label such as {@code no} into {@code false} or {@code 2.50} into {@code
   * 2.5}; numbers are parsed where a key asks for one.
   */
  private static JsonNode value(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_ARRAY) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        array.add(value(p));
      }
      return array;
    }
    if (token == JsonToken.START_OBJECT) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        object.set(name, value(p));
      }
      return object;
    }
    return token == JsonToken.VALUE_NULL ? NullNode.getInstance() : TextNode.valueOf(p.getText());
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private TaskDefinition task(RawTask raw) {
    String name = raw.name();
    if (!TASK_NAME.matcher(name).matches()) {
      throw new TaskFileException(
          file,
          raw.line(),
          name,
          "a task name must start with a letter and hold only letters, digits and '_'");
    }
    TaskContext t = new TaskContext(raw);
    for (Map.Entry<String, Entry> e : raw.entries().entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        throw t.error(
            e.getValue(),
            "unknown key '" + e.getKey() + "'; known keys: " + String.join(", ", sortedKeys()));
      }
    }
    TaskType type = t.taskType();
    LossType loss = t.loss(type);
    List<String> labels = t.labels(type);
    List<String> metrics = t.metrics(type);
    double dropout = t.dropout();
    double weight = t.lossWeight();
    DataFiles files = t.files();
    t.shared("model_type");
    t.shared("config_name");
    t.shared("encoder");
    TaskSpec spec;
    try {
      spec = new TaskSpec(name, type, labels, loss.fileName(), weight, metrics, dropout);
    } catch (IllegalArgumentException e) {
      throw new TaskFileException(file, raw.line(), name, e.getMessage());
    }
    return new TaskDefinition(spec, files, file, raw.line());
  }

  private static List<String> sortedKeys() {
    return KEYS.stream().sorted().toList();
  }

  /** Reads the values of one task's keys, each error pointing at its key's line. */
  private final class TaskContext {

    private final RawTask raw;

    TaskContext(RawTask raw) {
      this.raw = raw;
    }

    TaskFileException error(Entry at, String message) {
      return new TaskFileException(file, at == null ? raw.line() : at.line(), raw.name(), message);
    }

    private Entry entry(String key) {
      Entry e = raw.entries().get(key);
      if (e != null && (e.value() == null || e.value().isNull())) {
        throw error(e, "key '" + key + "' has no value");
      }
      return e;
    }

    private Entry required(String key) {
      Entry e = entry(key);
      if (e == null) {
        throw error(null, "missing required key '" + key + "'");
      }
      return e;
    }

    private String text(String key, Entry e) {
      if (!e.value().isValueNode()) {
        throw error(e, key + " must be a single value, not a list or mapping");
      }
      return e.value().asText();
    }

    TaskType taskType() {
      Entry e = required("task_type");
      try {
        return TaskType.fromFileName(text("task_type", e));
      } catch (IllegalArgumentException ex) {
        throw error(e, ex.getMessage());
      }
    }

    LossType loss(TaskType type) {
      Entry e = entry("loss_type");
      if (e == null) {
        return LossType.defaultFor(type);
      }
      LossType loss;
      try {
        loss = LossType.fromFileName(text("loss_type", e));
      } catch (IllegalArgumentException ex) {
        throw error(e, ex.getMessage());
      }
      if (!loss.fits(type)) {
        throw error(
            e,
            "loss_type "
                + loss.fileName()
                + " does not fit task_type "
                + type.fileName()
                + "; use "
                + LossType.defaultFor(type).fileName());
      }
      return loss;
    }

    List<String> labels(TaskType type) {
      Entry map = entry("label_map_or_file");
      Entry count = entry("class_num");
      if (map == null && count == null) {
        throw error(null, "needs label_map_or_file (a list or a file of labels) or class_num");
      }
      Integer classes = count == null ? null : classNum(count);
      if (map == null) {
        if (type == TaskType.NER) {
          throw error(count, "an NER task needs label_map_or_file naming its tags");
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
          labels.add(Integer.toString(i));
        }
        return labels;
      }
      List<String> labels = map.value().isArray() ? inlineLabels(map) : fileLabels(map);
      if (labels.isEmpty()) {
        throw error(map, "label_map_or_file holds no labels");
      }
      if (classes != null && classes != labels.size()) {
        throw error(
            count,
            "class_num is "
                + classes
                + " but label_map_or_file holds "
                + labels.size()
                + " labels");
      }
      return labels;
    }

    private int classNum(Entry e) {
      int n;
      try {
        n = e.value().isTextual() ? Integer.parseInt(e.value().asText()) : 0;
      } catch (NumberFormatException ex) {
        n = 0;
      }
      if (n < 1) {
        throw error(
            e, "class_num must be a positive whole number, got '" + e.value().asText() + "'");
      }
      return n;
    }

    private List<String> inlineLabels(Entry e) {
      List<String> labels = new ArrayList<>();
      for (JsonNode item : e.value()) {
        if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
          throw error(e, "label_map_or_file: every label must be a non-empty value");
        }
        String label = item.asText().strip();
        if (labels.contains(label)) {
          throw error(e, "label_map_or_file: label '" + label + "' listed twice");
        }
        labels.add(label);
      }
      return labels;
    }

    private List<String> fileLabels(Entry e) {
      Path labelFile = folder.resolve(text("label_map_or_file", e)).normalize();
      if (labelFile.getFileName().toString().endsWith(".joblib")) {
        throw error(
            e,
            "label_map_or_file: "
                + labelFile.getFileName()
                + " is a Python joblib pickle;"
                + " give the labels as a YAML list or a text file with one label per line");
      }
      if (!Files.isRegularFile(labelFile)) {
        throw error(e, "label_map_or_file: no such file " + labelFile);
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(labelFile, StandardCharsets.UTF_8);
      } catch (IOException ex) {
        throw error(e, "label_map_or_file: cannot read " + labelFile + ": " + ex.getMessage());
      }
      Map<String, Integer> firstLine = new HashMap<>();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String label = lines.get(i).strip();
        if (label.isEmpty()) {
          continue;
        }
        Integer before = firstLine.putIfAbsent(label, i + 1);
        if (before != null) {
          throw error(
              e,
              "label file "
                  + labelFile
                  + ":"
                  + (i + 1)
                  + ": label '"
                  + label
                  + "' repeated (first on line "
                  + before
                  + ")");
        }
        labels.add(label);
      }
      return labels;
    }

    List<String> metrics(TaskType type) {
      Entry e = entry("metrics");
      if (e == null) {
        return List.of(MetricNames.defaultFor(type));
      }
      if (!e.value().isArray() || e.value().isEmpty()) {
        throw error(
            e, "metrics must be a non-empty list such as [" + MetricNames.defaultFor(type) + "]");
      }
      List<String> metrics = new ArrayList<>();
      for (JsonNode item : e.value()) {
        String metric;
        try {
          metric = MetricNames.validate(item.asText(), type);
        } catch (IllegalArgumentException ex) {
          throw error(e, ex.getMessage());
        }
        if (metrics.contains(metric)) {
          throw error(e, "metric '" + metric + "' listed twice");
        }
        metrics.add(metric);
      }
      return metrics;
    }

    double dropout() {
      Entry e = entry("dropout_prob");
      double v = e == null ? DEFAULT_DROPOUT : number(e);
      if (!(v >= 0 && v < 1)) {
        throw error(e, "dropout_prob must be a number in [0, 1), got '" + e.value().asText() + "'");
      }
      return v;
    }

    double lossWeight() {
      Entry e = entry("loss_weight");
      double v = e == null ? DEFAULT_LOSS_WEIGHT : number(e);
      if (!(v > 0 && Double.isFinite(v))) {
        throw error(e, "loss_weight must be a number > 0, got '" + e.value().asText() + "'");
      }
      return v;
    }

    private static double number(Entry e) {
      try {
        return e.value().isTextual() ? Double.parseDouble(e.value().asText()) : Double.NaN;
      } catch (NumberFormatException ex) {
        return Double.NaN;
      }
    }

    DataFiles files() {
      Entry e = required("file_names");
      JsonNode v = e.value();
      if (!v.isArray() || v.isEmpty() || v.size() > 3) {
        throw error(e, "file_names must list 1 to 3 files: [train, dev, test]");
      }
      Path[] paths = new Path[3];
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        if (!item.isTextual() || item.asText().isBlank()) {
          throw error(e, "file_names: entry " + (i + 1) + " must be a file name");
        }
        Path path = folder.resolve(item.asText()).normalize();
        if (!Files.isRegularFile(path)) {
          String split = Split.values()[i].label();
          throw error(e, "file_names: " + split + " file not found: " + path);
        }
        paths[i] = path;
      }
      return new DataFiles(paths[0], paths[1], paths[2]);
    }

    void shared(String key) {
      Entry e = entry(key);
      if (e == null) {
        return;
      }
      String v = text(key, e).strip();
      if (key.equals("model_type")) {
        v = v.toUpperCase(Locale.ROOT);
        if (!MODEL_TYPES.contains(v)) {
          throw error(
              e,
              "unknown model_type '"
                  + e.value().asText()
                  + "'; expected one of "
                  + String.join(", ", MODEL_TYPES));
        }
      } else if (key.equals("encoder") && Files.isDirectory(folder.resolve(v))) {
        v = folder.resolve(v).normalize().toString();
      }
      Shared first = shared.putIfAbsent(key, new Shared(v, raw.name(), e.line()));
      if (first != null && !first.value().equals(v)) {
        throw error(
            e,
            key
                + " '"
                + v
                + "' differs from '"
                + first.value()
                + "' set by task '"
                + first.task()
                + "' (line "
                + first.line()
                + "); one encoder serves every task");
      }
    }
  }
}
