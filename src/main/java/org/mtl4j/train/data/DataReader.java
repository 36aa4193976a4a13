package org.mtl4j.train.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mtl4j.metrics.io.PythonListLiteral;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskDefinition;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * Reads a task's data file into {@link Example}s, mapping labels to the task's label indices.
 *
 * <p>A file whose name ends in {@code .jsonl} holds one JSON object per line; any other file is TSV
 * without a header. Formats by task type:
 *
 * <table>
 *   <caption>data formats</caption>
 *   <tr><th>task type</th><th>TSV</th><th>JSONL keys</th></tr>
 *   <tr><td>SingleSenClassification</td><td>{@code uid<TAB>label<TAB>sentence}</td>
 *       <td>{@code uid, label, text}</td></tr>
 *   <tr><td>SentencePairClassification</td>
 *       <td>{@code uid<TAB>label<TAB>sentenceA<TAB>sentenceB}</td>
 *       <td>{@code uid, label, text_a, text_b}</td></tr>
 *   <tr><td>NER</td><td>{@code uid<TAB>['B-x', 'O']<TAB>['w1', 'w2']}</td>
 *       <td>{@code uid, tags, words}</td></tr>
 *   <tr><td>MultiLabelClassification</td>
 *       <td>{@code uid<TAB>a,b<TAB>sentence} or {@code uid<TAB>['a', 'b']<TAB>sentence}</td>
 *       <td>{@code uid, labels, text}</td></tr>
 * </table>
 *
 * <p>Empty lines are skipped; every other line is an example or an error naming the file and line.
 * No row is ever dropped. In JSONL the {@code uid} is optional (the line number stands in) and
 * unknown keys are errors.
 */
public final class DataReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskSpec spec;
  private final Map<String, Integer> labelIndex = new HashMap<>();

  /**
   * @param spec the task whose type and labels the data must match
   */
  public DataReader(TaskSpec spec) {
    this.spec = spec;
    for (int i = 0; i < spec.labels().size(); i++) {
      labelIndex.put(spec.labels().get(i), i);
    }
  }

  /**
   * Reads one split of a task.
   *
   * @param task the task
   * @param split the split
   * @return the split's examples in file order
   * @throws IllegalArgumentException when the task file lists no file for that split
   * @throws DataFormatException naming the file and line of the first bad row
   */
  public static List<Example> read(TaskDefinition task, Split split) {
    Path file =
        task.files()
            .file(split)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        task.taskFile()
                            + ":"
                            + task.line()
                            + ": task '"
                            + task.name()
                            + "' lists no "
                            + split.label()
                            + " file in file_names"));
    return new DataReader(task.spec()).read(file);
  }

  /**
   * Reads a data file.
   *
   * @param file a TSV or JSONL file
   * @return its examples in file order; never empty
   * @throws DataFormatException naming the file and line of the first bad row, or an empty or
   *     missing file
   */
  public List<Example> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(file, 0, "no such data file");
    }
    boolean jsonl = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    List<Example> examples = new ArrayList<>();
    int lineNo = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isEmpty()) {
          continue;
        }
        try {
          examples.add(jsonl ? fromJson(line, lineNo) : fromTsv(line, lineNo));
        } catch (IllegalArgumentException e) {
          throw new DataFormatException(file, lineNo, e.getMessage());
        }
      }
    } catch (CharacterCodingException e) {
      throw new DataFormatException(file, lineNo + 1, "not valid UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (examples.isEmpty()) {
      throw new DataFormatException(
          file, 1, "empty file: no examples; expected lines like " + tsvFormat());
    }
    return examples;
  }

  private String tsvFormat() {
    return switch (spec.type()) {
      case SINGLE_SENTENCE_CLASSIFICATION -> "uid<TAB>label<TAB>sentence";
      case SENTENCE_PAIR_CLASSIFICATION -> "uid<TAB>label<TAB>sentenceA<TAB>sentenceB";
      case NER -> "uid<TAB>[tags]<TAB>[words]";
      case MULTI_LABEL_CLASSIFICATION -> "uid<TAB>label1,label2<TAB>sentence";
    };
  }

  private Example fromTsv(String line, int lineNo) {
    String[] cols = line.split("\t", -1);
    int expected = spec.type() == TaskType.SENTENCE_PAIR_CLASSIFICATION ? 4 : 3;
    if (cols.length != expected) {
      throw new IllegalArgumentException(
          "expected "
              + expected
              + " tab-separated columns ("
              + tsvFormat()
              + ") for "
              + spec.type().fileName()
              + " task '"
              + spec.name()
              + "', found "
              + cols.length);
    }
    String uid = cols[0];
    if (uid.isBlank()) {
      throw new IllegalArgumentException("empty uid");
    }
    return switch (spec.type()) {
      case SINGLE_SENTENCE_CLASSIFICATION ->
          new SentenceExample(uid, lineNo, text(cols[2], "sentence"), label(cols[1]));
      case SENTENCE_PAIR_CLASSIFICATION ->
          new PairExample(
              uid, lineNo, text(cols[2], "sentenceA"), text(cols[3], "sentenceB"), label(cols[1]));
      case NER -> tagged(uid, lineNo, literal(cols[1], "tags"), literal(cols[2], "words"));
      case MULTI_LABEL_CLASSIFICATION ->
          new MultiLabelExample(uid, lineNo, text(cols[2], "sentence"), labels(tsvLabels(cols[1])));
    };
  }

  private Example fromJson(String line, int lineNo) {
    JsonNode row;
    try {
      row = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    if (row == null || !row.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    Set<String> keys =
        switch (spec.type()) {
          case SINGLE_SENTENCE_CLASSIFICATION -> Set.of("uid", "label", "text");
          case SENTENCE_PAIR_CLASSIFICATION -> Set.of("uid", "label", "text_a", "text_b");
          case NER -> Set.of("uid", "tags", "words");
          case MULTI_LABEL_CLASSIFICATION -> Set.of("uid", "labels", "text");
        };
    for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.contains(key)) {
        throw new IllegalArgumentException(
            "unknown key '"
                + key
                + "' for a "
                + spec.type().fileName()
                + " row; keys are "
                + keys.stream().sorted().toList());
      }
    }
    String uid = row.has("uid") ? scalar(row, "uid") : Integer.toString(lineNo);
    return switch (spec.type()) {
      case SINGLE_SENTENCE_CLASSIFICATION ->
          new SentenceExample(
              uid, lineNo, text(scalar(row, "text"), "text"), label(scalar(row, "label")));
      case SENTENCE_PAIR_CLASSIFICATION ->
          new PairExample(
              uid,
              lineNo,
              text(scalar(row, "text_a"), "text_a"),
              text(scalar(row, "text_b"), "text_b"),
              label(scalar(row, "label")));
      case NER -> tagged(uid, lineNo, array(row, "tags"), array(row, "words"));
      case MULTI_LABEL_CLASSIFICATION ->
          new MultiLabelExample(
              uid, lineNo, text(scalar(row, "text"), "text"), labels(array(row, "labels")));
    };
  }

  private static String scalar(JsonNode row, String key) {
    JsonNode v = row.get(key);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing key '" + key + "'");
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException("'" + key + "' must be a string or number");
    }
    return v.asText();
  }

  private static List<String> array(JsonNode row, String key) {
    JsonNode v = row.get(key);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException("'" + key + "' must be a list of strings");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException("'" + key + "' must hold strings only");
      }
      items.add(item.asText());
    }
    return items;
  }

  private static String text(String value, String what) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("empty " + what);
    }
    return value;
  }

  private static List<String> literal(String value, String what) {
    try {
      return PythonListLiteral.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " column: " + e.getMessage());
    }
  }

  private static List<String> tsvLabels(String value) {
    String v = value.strip();
    if (v.startsWith("[")) {
      return literal(v, "labels");
    }
    List<String> labels = new ArrayList<>();
    for (String part : v.split(",", -1)) {
      if (!part.isBlank()) {
        labels.add(part.strip());
      } else if (!v.isEmpty()) {
        throw new IllegalArgumentException("empty label in '" + value + "'");
      }
    }
    return labels;
  }

  private TaggedExample tagged(String uid, int lineNo, List<String> tags, List<String> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("no words");
    }
    if (tags.size() != words.size()) {
      throw new IllegalArgumentException(
          tags.size() + " tags for " + words.size() + " words; every word needs one tag");
    }
    for (String word : words) {
      if (word.isBlank()) {
        throw new IllegalArgumentException("empty word in the words column");
      }
    }
    return new TaggedExample(uid, lineNo, words, labels(tags));
  }

  private List<Integer> labels(List<String> names) {
    List<Integer> ids = new ArrayList<>(names.size());
    for (String name : names) {
      ids.add(label(name));
    }
    if (spec.type() == TaskType.MULTI_LABEL_CLASSIFICATION
        && ids.stream().distinct().count() != ids.size()) {
      throw new IllegalArgumentException("a label is listed twice in " + names);
    }
    return ids;
  }

  private int label(String name) {
    Integer id = labelIndex.get(name);
    if (id == null) {
      throw new IllegalArgumentException(
          (spec.type() == TaskType.NER ? "tag '" : "label '")
              + name
              + "' is not in task '"
              + spec.name()
              + "' label map "
              + abbreviate(spec.labels()));
    }
    return id;
  }

  private static String abbreviate(List<String> labels) {
    return labels.size() <= 12
        ? labels.toString()
        : labels.subList(0, 12).toString().replace("]", ", ... (" + labels.size() + " labels)]");
  }
}
