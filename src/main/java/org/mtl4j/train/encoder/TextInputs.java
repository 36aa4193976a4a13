package org.mtl4j.train.encoder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads encoder inputs from the command line's texts or from JSONL files. */
public final class TextInputs {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TextInputs() {}

  /**
   * Texts given one by one; with {@code pair}, consecutive texts form (text, text_b) pairs.
   *
   * @param texts the texts
   * @param pair whether the texts are pairs
   * @return the inputs
   * @throws IllegalArgumentException for an odd number of texts with {@code pair}
   */
  public static List<TextInput> of(List<String> texts, boolean pair) {
    if (!pair) {
      return texts.stream().map(TextInput::of).toList();
    }
    if (texts.size() % 2 != 0) {
      throw new IllegalArgumentException(
          "pairs need an even number of texts (text, text_b, ...), got " + texts.size());
    }
    List<TextInput> inputs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i += 2) {
      inputs.add(new TextInput(texts.get(i), texts.get(i + 1)));
    }
    return inputs;
  }

  /**
   * Reads a JSONL file of {@code {"text": ..., "text_b": ...}} objects, one per non-blank line.
   *
   * @param file the file
   * @param pair whether every line must carry {@code text_b}; without it, {@code text_b} is refused
   * @return the inputs in file order
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   */
  public static List<TextInput> readJsonl(Path file, boolean pair) {
    List<TextInput> inputs = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          inputs.add(parse(line, pair, file + ":" + number));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(file + ": no inputs");
    }
    return inputs;
  }

  private static TextInput parse(String line, boolean pair, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not a JSON object: " + e.getOriginalMessage());
    }
    String text = textField(node, "text", where);
    String textB = node.has("text_b") ? textField(node, "text_b", where) : null;
    if (pair && textB == null) {
      throw new IllegalArgumentException(where + ": --pair needs \"text_b\" on every line");
    }
    if (!pair && textB != null) {
      throw new IllegalArgumentException(where + ": \"text_b\" given; pass --pair to encode pairs");
    }
    return new TextInput(text, textB);
  }

  private static String textField(JsonNode node, String field, String where) {
    JsonNode value = node == null || !node.isObject() ? null : node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(where + ": expected a string \"" + field + "\"");
    }
    return value.asText();
  }
}
