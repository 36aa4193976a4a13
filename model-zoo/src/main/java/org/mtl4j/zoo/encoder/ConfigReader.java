package org.mtl4j.zoo.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mtl4j.zoo.ModelFormatException;

/** Typed access to config.json keys with HuggingFace's defaults; errors name file and key. */
final class ConfigReader {

  private final JsonNode node;
  private final String source;

  ConfigReader(JsonNode node, String source) {
    this.node = node;
    this.source = source;
  }

  String source() {
    return source;
  }

  boolean has(String key) {
    return node.hasNonNull(key);
  }

  int intOr(String key, int fallback) {
    return valueOr(
        key,
        fallback,
        v -> v.canConvertToInt() && (v.isIntegralNumber() || isWholeDouble(v)),
        "an integer",
        JsonNode::asInt);
  }

  Integer nullableInt(String key, Integer fallback) {
    if (!node.has(key)) {
      return fallback;
    }
    return node.get(key).isNull() ? null : intOr(key, 0);
  }

  double doubleOr(String key, double fallback) {
    return valueOr(key, fallback, JsonNode::isNumber, "a number", JsonNode::asDouble);
  }

  boolean boolOr(String key, boolean fallback) {
    return valueOr(key, fallback, JsonNode::isBoolean, "true or false", JsonNode::asBoolean);
  }

  String stringOr(String key, String fallback) {
    return valueOr(key, fallback, JsonNode::isTextual, "a string", JsonNode::asText);
  }

  Activation activation(String key, Activation fallback) {
    String name = stringOr(key, fallback.hfName());
    try {
      return Activation.fromHfName(name);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(source + ": " + key + ": " + e.getMessage(), e);
    }
  }

  /** Rejects a key whose value this build cannot compute. */
  void require(String key, String expected, String fallback) {
    String value = stringOr(key, fallback);
    if (!expected.equals(value)) {
      throw new ModelFormatException(
          source + ": " + key + " '" + value + "' is not supported (only '" + expected + "')");
    }
  }

  /**
   * The key's value converted, or the fallback when the key is absent or JSON null (both mean "use
   * the default"); a value of another JSON type is an error naming the key.
   */
  private <T> T valueOr(
      String key,
      T fallback,
      Predicate<JsonNode> valid,
      String expected,
      Function<JsonNode, T> convert) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!valid.test(v)) {
      throw wrongType(key, expected, v);
    }
    return convert.apply(v);
  }

  private static boolean isWholeDouble(JsonNode v) {
    return v.isDouble() && v.asDouble() == Math.rint(v.asDouble());
  }

  private ModelFormatException wrongType(String key, String expected, JsonNode v) {
    return new ModelFormatException(
        source + ": '" + key + "' must be " + expected + ", was " + v.toString());
  }
}
