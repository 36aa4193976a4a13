package org.mtl4j.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The server's one JSON mapper and the checks its request parsers share. */
final class Json {
  /** Rejects a body with trailing content after its JSON value. */
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /**
   * @param body UTF-8 JSON
   * @param expected what the body should be, for the error message
   * @return the body's object
   * @throws ServeException 400 when the body is not JSON or not an object
   */
  static JsonNode readObject(byte[] body, String expected) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ServeException.badRequest(
          "body is not JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw ServeException.badRequest("body cannot be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ServeException.badRequest("body must be " + expected);
    }
    return node;
  }

  static String optionalText(JsonNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ServeException.badRequest("\"" + field + "\" must be a string");
    }
    return node.asText();
  }

  /** A missing field is an empty list. */
  static List<String> stringList(JsonNode object, String field) {
    JsonNode node = object.get(field);
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw ServeException.badRequest("\"" + field + "\" must be an array of strings");
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        throw ServeException.badRequest("\"" + field + "\"[" + i + "] must be a string");
      }
      out.add(node.get(i).asText());
    }
    return out;
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  static byte[] error(String message) {
    return write(Map.of("error", message));
  }
}
