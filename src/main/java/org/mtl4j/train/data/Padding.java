package org.mtl4j.train.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a tokenizer pads: the pad token's id, the type id of pad positions, and the side.
 *
 * @param padId the id written at pad positions of {@code input_ids}
 * @param padTypeId the id written at pad positions of {@code token_type_ids} (3 for XLNet)
 * @param side which end padding goes to
 */
public record Padding(long padId, long padTypeId, PaddingSide side) {

  private static final List<String> PAD_TOKENS = List.of("[PAD]", "<pad>");

  /** Requires a side. */
  public Padding {
    Objects.requireNonNull(side, "side");
  }

  /**
   * Reads padding from a HuggingFace {@code tokenizer.json}: its {@code padding} section when it
   * has one ({@code pad_id}, {@code pad_type_id}, {@code direction}), otherwise the id of a {@code
   * [PAD]} or {@code <pad>} added token, type id 0, right side.
   *
   * @param tokenizerJson the tokenizer file
   * @return its padding
   * @throws IllegalArgumentException when the file names no pad token
   */
  public static Padding of(Path tokenizerJson) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(tokenizerJson.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, e);
    }
    JsonNode padding = root.path("padding");
    if (padding.isObject() && padding.has("pad_id")) {
      PaddingSide side =
          "Left".equalsIgnoreCase(padding.path("direction").asText("Right"))
              ? PaddingSide.LEFT
              : PaddingSide.RIGHT;
      return new Padding(
          padding.get("pad_id").asLong(), padding.path("pad_type_id").asLong(0), side);
    }
    for (JsonNode token : root.path("added_tokens")) {
      if (PAD_TOKENS.contains(token.path("content").asText())) {
        return new Padding(token.path("id").asLong(), 0, PaddingSide.RIGHT);
      }
    }
    throw new IllegalArgumentException(
        tokenizerJson + ": no padding section and no [PAD] or <pad> token; cannot pad batches");
  }

  /**
   * @param newSide the side to pad on
   * @return this padding on that side (the trainer forces {@link PaddingSide#LEFT} for XLNet when a
   *     tokenizer file does not say so)
   */
  public Padding withSide(PaddingSide newSide) {
    return new Padding(padId, padTypeId, newSide);
  }
}
