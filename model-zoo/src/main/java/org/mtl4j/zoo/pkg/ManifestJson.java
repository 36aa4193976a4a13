package org.mtl4j.zoo.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Reads and writes manifests as JSON; the one place that fixes the manifest's JSON form. */
public final class ManifestJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ManifestJson() {}

  /**
   * @param manifest the manifest
   * @return its JSON text, keys in a stable order
   */
  public static String toJson(Manifest manifest) {
    try {
      return MAPPER.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise manifest", e);
    }
  }

  /**
   * @param json manifest JSON text
   * @param source where the text came from, for error messages
   * @return the manifest
   * @throws IllegalArgumentException naming the source and the problem when the JSON is invalid
   */
  public static Manifest fromJson(String json, String source) {
    try {
      return MAPPER.readValue(json, Manifest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "invalid manifest in " + source + ": " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid manifest in " + source + ": " + e.getMessage(), e);
    }
  }
}
