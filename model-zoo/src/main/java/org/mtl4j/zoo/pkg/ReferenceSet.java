package org.mtl4j.zoo.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * A package's {@code reference/} folder: the training framework's eval-mode inputs and outputs on
 * probe batches and dev examples, the numbers parity is judged against.
 *
 * <p>On disk, two files:
 *
 * <ul>
 *   <li>{@code reference.json}: {@code {"formatVersion": 1, "batches": [{"name", "split"
 *       ("probe"|"dev"), <each contract input>: [[...]], "outputs": [output names], "gold": {task:
 *       [[label indices]]} (dev batches)}]}}, the inputs under their {@link OnnxContract} names
 *       (token types only for families with token types; see {@link ReferenceBatch} for the gold
 *       layout);
 *   <li>{@code outputs.safetensors}: every output as float32 under {@code <batch>/<output>}, e.g.
 *       {@code b3-len7/intent.logits}.
 * </ul>
 *
 * @param batches the batches, names unique
 */
public record ReferenceSet(List<ReferenceBatch> batches) {

  /** The folder's name inside a package. */
  public static final String DIR_NAME = "reference";

  /** The batch listing. */
  public static final String INDEX_FILE = "reference.json";

  /** The output tensors. */
  public static final String OUTPUTS_FILE = "outputs.safetensors";

  /** The format this build reads and writes. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Validates that batch names are unique. */
  public ReferenceSet {
    batches = List.copyOf(batches);
    Set<String> seen = new HashSet<>();
    for (ReferenceBatch b : batches) {
      if (!seen.add(b.name())) {
        throw new IllegalArgumentException("reference batch '" + b.name() + "' appears twice");
      }
    }
  }

  /**
   * Writes the two files into {@code dir} (created when missing), each atomically.
   *
   * @param dir the {@code reference/} folder
   */
  public void write(Path dir) {
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    ArrayNode list = JSON.createArrayNode();
    for (ReferenceBatch b : batches) {
      ObjectNode node = list.addObject();
      node.put("name", b.name());
      node.put("split", b.split());
      node.set(OnnxContract.INPUT_IDS, matrix(b.inputIds()));
      node.set(OnnxContract.ATTENTION_MASK, matrix(b.attentionMask()));
      if (b.tokenTypeIds() != null) {
        node.set(OnnxContract.TOKEN_TYPE_IDS, matrix(b.tokenTypeIds()));
      }
      ArrayNode outputs = node.putArray("outputs");
      b.outputs().keySet().stream()
          .sorted()
          .forEach(
              name -> {
                outputs.add(name);
                tensors.put(b.name() + "/" + name, b.outputs().get(name));
              });
      if (!b.gold().isEmpty()) {
        ObjectNode gold = node.putObject("gold");
        b.gold().keySet().stream().sorted().forEach(t -> gold.set(t, matrix(b.gold().get(t))));
      }
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.set("batches", list);
    SafeTensorsWriter.write(dir.resolve(OUTPUTS_FILE), tensors);
    try {
      AtomicFiles.writeString(dir.resolve(INDEX_FILE), JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise " + dir.resolve(INDEX_FILE), e);
    }
  }

  /**
   * Reads a {@code reference/} folder.
   *
   * @param dir the folder
   * @return the set
   * @throws ModelFormatException naming the file and batch when something is missing or malformed
   */
  public static ReferenceSet read(Path dir) {
    Path index = dir.resolve(INDEX_FILE);
    Path outputsFile = dir.resolve(OUTPUTS_FILE);
    if (!Files.isRegularFile(index) || !Files.isRegularFile(outputsFile)) {
      throw new ModelFormatException(
          dir + " is not a reference folder: it needs " + INDEX_FILE + " and " + OUTPUTS_FILE);
    }
    JsonNode root;
    try {
      root = JSON.readTree(index.toFile());
    } catch (IOException e) {
      throw new ModelFormatException("cannot read " + index + ": " + e.getMessage(), e);
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version < 1 || version > FORMAT_VERSION) {
      throw new ModelFormatException(
          index
              + ": formatVersion "
              + root.path("formatVersion")
              + " is not supported (1.."
              + FORMAT_VERSION
              + ")");
    }
    List<ReferenceBatch> batches = new ArrayList<>();
    try (SafeTensorsReader tensors = SafeTensorsReader.open(outputsFile)) {
      for (JsonNode node : root.path("batches")) {
        String name = node.path("name").asText();
        String where = index + ", batch '" + name + "'";
        Map<String, FloatTensor> outputs = new LinkedHashMap<>();
        for (JsonNode output : node.path("outputs")) {
          String key = name + "/" + output.asText();
          if (tensors.info(key).isEmpty()) {
            throw new ModelFormatException(where + ": " + outputsFile + " has no tensor " + key);
          }
          outputs.put(output.asText(), tensors.read(key));
        }
        Map<String, long[][]> gold = new LinkedHashMap<>();
        node.path("gold")
            .fields()
            .forEachRemaining(e -> gold.put(e.getKey(), matrix(e.getValue(), where)));
        try {
          batches.add(
              new ReferenceBatch(
                  name,
                  node.path("split").asText(),
                  matrix(node.path(OnnxContract.INPUT_IDS), where),
                  matrix(node.path(OnnxContract.ATTENTION_MASK), where),
                  node.has(OnnxContract.TOKEN_TYPE_IDS)
                      ? matrix(node.get(OnnxContract.TOKEN_TYPE_IDS), where)
                      : null,
                  outputs,
                  gold));
        } catch (IllegalArgumentException e) {
          throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
      }
    }
    return new ReferenceSet(batches);
  }

  /**
   * @param name a batch name
   * @return the batch
   * @throws IllegalArgumentException when there is none by that name
   */
  public ReferenceBatch batch(String name) {
    return batches.stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no reference batch '" + name + "'"));
  }

  private static ArrayNode matrix(long[][] rows) {
    ArrayNode out = JSON.createArrayNode();
    for (long[] row : rows) {
      ArrayNode r = out.addArray();
      for (long v : row) {
        r.add(v);
      }
    }
    return out;
  }

  private static long[][] matrix(JsonNode node, String where) {
    Objects.requireNonNull(node);
    if (!node.isArray()) {
      throw new ModelFormatException(
          where + ": expected an array of rows, got " + node.getNodeType());
    }
    long[][] rows = new long[node.size()][];
    for (int r = 0; r < rows.length; r++) {
      JsonNode row = node.get(r);
      if (!row.isArray()) {
        throw new ModelFormatException(where + ": row " + r + " is not an array");
      }
      rows[r] = new long[row.size()];
      for (int c = 0; c < rows[r].length; c++) {
        if (!row.get(c).canConvertToLong()) {
          throw new ModelFormatException(
              where + ": row " + r + " holds a non-integer " + row.get(c));
        }
        rows[r][c] = row.get(c).asLong();
      }
    }
    return rows;
  }
}
