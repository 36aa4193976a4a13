package org.mtl4j.zoo.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.ParameterMatch;
import org.mtl4j.zoo.weights.ParameterMatcher;

/**
 * A HuggingFace checkpoint folder: {@code config.json}, {@code model.safetensors} and {@code
 * tokenizer.json}. Reading checks every expected parameter is there with the right shape (names
 * with or without the task prefix; task heads ignored; see {@link ParameterMatcher}).
 */
public final class HfCheckpoint {

  /** The weights file of a checkpoint folder. */
  public static final String WEIGHTS = "model.safetensors";

  /** The tokenizer file of a checkpoint folder. */
  public static final String TOKENIZER = "tokenizer.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HfCheckpoint() {}

  /**
   * @param dir a folder
   * @return true when it holds a config.json (the sign of a checkpoint folder)
   */
  public static boolean looksLikeCheckpoint(Path dir) {
    return Files.isRegularFile(dir.resolve(HfConfigJson.FILE_NAME));
  }

  /**
   * Imports a checkpoint folder.
   *
   * @param dir the folder
   * @return the encoder, weights under the spec's names
   * @throws ModelFormatException naming the folder or file when something is missing or wrong
   */
  public static EncoderCheckpoint read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ModelFormatException("checkpoint folder " + dir + " does not exist");
    }
    EncoderConfig config = HfConfigJson.read(dir.resolve(HfConfigJson.FILE_NAME));
    Path weightsFile = dir.resolve(WEIGHTS);
    if (!Files.isRegularFile(weightsFile)) {
      throw new ModelFormatException(missingWeightsMessage(dir));
    }
    String tokenizer = readTokenizer(dir.resolve(TOKENIZER));
    Map<String, FloatTensor> weights = new LinkedHashMap<>();
    try (SafeTensorsReader reader = SafeTensorsReader.open(weightsFile)) {
      ParameterMatch match =
          ParameterMatcher.match(config, reader.shapes(), weightsFile.toString());
      match.sourceNames().forEach((spec, stored) -> weights.put(spec, reader.read(stored)));
    }
    return new EncoderCheckpoint(config, weights, tokenizer, dir.toString());
  }

  /**
   * Writes a checkpoint folder (each file atomically): config.json, model.safetensors (F32, {@code
   * format: pt} metadata as transformers writes it) and tokenizer.json.
   *
   * @param checkpoint the encoder
   * @param dir the folder, created if needed
   */
  public static void write(EncoderCheckpoint checkpoint, Path dir) {
    HfConfigJson.write(checkpoint.config(), dir.resolve(HfConfigJson.FILE_NAME));
    SafeTensorsWriter.write(dir.resolve(WEIGHTS), checkpoint.weights(), Map.of("format", "pt"));
    AtomicFiles.writeString(dir.resolve(TOKENIZER), checkpoint.tokenizerJson());
  }

  private static String missingWeightsMessage(Path dir) {
    String msg = "checkpoint folder " + dir + " has no " + WEIGHTS;
    if (Files.exists(dir.resolve("model.safetensors.index.json"))) {
      return msg + " (sharded checkpoints are not read; merge the shards into one file)";
    }
    if (Files.exists(dir.resolve("pytorch_model.bin"))) {
      return msg + " (pytorch_model.bin is a pickle and is not read; save with safetensors)";
    }
    return msg;
  }

  private static String readTokenizer(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(
          "checkpoint folder "
              + file.getParent()
              + " has no "
              + TOKENIZER
              + " (the fast-tokenizer file; older checkpoints that only have vocab.txt need it)");
    }
    try {
      String text = Files.readString(file);
      JsonNode node = MAPPER.readTree(text);
      if (node == null || !node.isObject() || !node.has("model")) {
        throw new ModelFormatException(file + " is not a HuggingFace tokenizer (no \"model\")");
      }
      return text;
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
