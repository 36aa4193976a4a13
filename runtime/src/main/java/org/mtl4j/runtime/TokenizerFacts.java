package org.mtl4j.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;

/**
 * Facts read from tokenizer.json that the tokenizer binding does not expose: the number of ids
 * it can emit (to check against the encoder's embedding table) and the padding id.
 *
 * @param idCount one more than the largest id the tokenizer can emit
 * @param padId the id used for padding
 */
record TokenizerFacts(long idCount, long padId) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * @param tokenizerJson tokenizer.json text
   * @param source where it came from, for messages
   * @return the facts
   * @throws ModelLoadException when the text is not a tokenizer.json
   */
  static TokenizerFacts parse(String tokenizerJson, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(tokenizerJson);
    } catch (JsonProcessingException e) {
      throw new ModelLoadException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode vocab = root.path("model").path("vocab");
    if (!vocab.isObject() && !vocab.isArray()) {
      throw new ModelLoadException(source + " has no model.vocab; is it a HuggingFace tokenizer.json?");
    }
    long idCount = 0;
    if (vocab.isArray()) {
      idCount = vocab.size();
    } else {
      for (Iterator<JsonNode> it = vocab.elements(); it.hasNext(); ) {
        idCount = Math.max(idCount, it.next().asLong() + 1);
      }
    }
    long padId = -1;
    for (JsonNode token : root.path("added_tokens")) {
      idCount = Math.max(idCount, token.path("id").asLong() + 1);
      String content = token.path("content").asText();
      if (padId < 0 && (content.equals("[PAD]") || content.equals("<pad>"))) {
        padId = token.path("id").asLong();
      }
    }
    JsonNode padding = root.path("padding");
    if (padding.has("pad_id")) {
      padId = padding.get("pad_id").asLong();
    }
    return new TokenizerFacts(idCount, Math.max(padId, 0));
  }
}
