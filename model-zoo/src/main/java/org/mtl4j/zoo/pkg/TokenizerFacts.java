package org.mtl4j.zoo.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.mtl4j.zoo.ModelFormatException;

/**
 * What a HuggingFace {@code tokenizer.json} says about turning text into model inputs beyond what
 * the tokenizer binding exposes. Parsed once ({@link #parse}) and carried in the package's
 * tokenizer record, so training, export and serving pad alike.
 *
 * @param idCount one more than the largest id the tokenizer can emit (checked against the encoder's
 *     vocabulary)
 * @param padId the id at padding positions of {@code input_ids}: the file's {@code padding.pad_id},
 *     else its {@code [PAD]} or {@code <pad>} token, else 0 (padding is masked either way)
 * @param padTypeId the id at padding positions of {@code token_type_ids}: the file's {@code
 *     padding.pad_type_id} (3 for XLNet, as HuggingFace pads), else 0
 * @param padLeft whether padding goes before the tokens: the encoder family's side (left for XLNet,
 *     whose sentence token ends every row), whatever the file's {@code padding.direction} says,
 *     since the model reads its sentence token at that end
 * @param lowercase whether the file's normalizer lowercases
 * @param namesPadToken whether the file names a pad token at all (training requires one)
 * @param specialTokens the contents of the file's special added tokens, in id order
 */
public record TokenizerFacts(
    long idCount,
    long padId,
    long padTypeId,
    boolean padLeft,
    boolean lowercase,
    boolean namesPadToken,
    List<String> specialTokens) {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> PAD_TOKENS = List.of("[PAD]", "<pad>");

  /** Freezes the token list. */
  public TokenizerFacts {
    specialTokens = List.copyOf(Objects.requireNonNull(specialTokens, "specialTokens"));
  }

  /**
   * @param tokenizerJson the tokenizer.json text
   * @param source where it came from, for messages
   * @param familyPadsLeft whether the encoder family pads on the left
   * @return the facts
   * @throws ModelFormatException naming the source when the text is not a tokenizer.json
   */
  public static TokenizerFacts parse(String tokenizerJson, String source, boolean familyPadsLeft) {
    JsonNode root;
    try {
      root = MAPPER.readTree(tokenizerJson);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelFormatException(
          source + " is not a JSON object; is it a HuggingFace tokenizer.json?");
    }
    JsonNode vocab = root.path("model").path("vocab");
    if (!vocab.isObject() && !vocab.isArray()) {
      throw new ModelFormatException(
          source + " has no model.vocab; is it a HuggingFace tokenizer.json?");
    }
    long idCount = 0;
    if (vocab.isArray()) {
      idCount = vocab.size();
    } else {
      for (Iterator<JsonNode> it = vocab.elements(); it.hasNext(); ) {
        JsonNode id = it.next();
        if (!id.canConvertToLong()) {
          throw new ModelFormatException(source + ": model.vocab holds a non-integer id " + id);
        }
        idCount = Math.max(idCount, id.asLong() + 1);
      }
    }
    long padId = -1;
    List<String> special = new ArrayList<>();
    for (JsonNode token : root.path("added_tokens")) {
      idCount = Math.max(idCount, token.path("id").asLong() + 1);
      String content = token.path("content").asText();
      if (padId < 0 && PAD_TOKENS.contains(content)) {
        padId = token.path("id").asLong();
      }
      if (token.path("special").asBoolean(false)) {
        special.add(content);
      }
    }
    long padTypeId = 0;
    JsonNode padding = root.path("padding");
    if (padding.isObject()) {
      if (padding.path("pad_id").canConvertToLong()) {
        padId = padding.get("pad_id").asLong();
      }
      padTypeId = padding.path("pad_type_id").asLong(0);
    }
    return new TokenizerFacts(
        idCount,
        Math.max(padId, 0),
        padTypeId,
        familyPadsLeft,
        lowercases(root.path("normalizer")),
        padId >= 0,
        special);
  }

  private static boolean lowercases(JsonNode normalizer) {
    if (normalizer.path("lowercase").asBoolean(false)
        || normalizer.path("type").asText("").equals("Lowercase")) {
      return true;
    }
    for (JsonNode child : normalizer.path("normalizers")) {
      if (lowercases(child)) {
        return true;
      }
    }
    return false;
  }
}
