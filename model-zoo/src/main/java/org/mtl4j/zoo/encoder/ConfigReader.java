package org.mtl4j.zoo.encoder;

import com.fasterxml.jackson.databind.JsonNode;
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
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !(v.isIntegralNumber() || isWholeDouble(v))) {
      throw wrongType(key, "an integer", v);
    }
    return v.asInt();
  }

  Integer nullableInt(String key, Integer fallback) {
    if (!node.has(key)) {
      return fallback;
    }
    return node.get(key).isNull() ? null : intOr(key, 0);
  }

  double doubleOr(String key, double fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw wrongType(key, "a number", v);
    }
    return v.asDouble();
  }

  boolean boolOr(String key, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw wrongType(key, "true or false", v);
    }
    return v.asBoolean();
  }

  String stringOr(String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw wrongType(key, "a string", v);
    }
    return v.asText();
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

  private static boolean isWholeDouble(JsonNode v) {
    return v.isDouble() && v.asDouble() == Math.rint(v.asDouble());
  }

  private ModelFormatException wrongType(String key, String expected, JsonNode v) {
    return new ModelFormatException(
        source + ": '" + key + "' must be " + expected + ", was " + v.toString());
  }
}
