package org.mtl4j.zoo.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The preset table: every config name of the original library's table with the hyper-parameters of
 * its published HuggingFace {@code config.json}, plus {@code tiny-<family>} presets (2 layers,
 * width 32, 2 heads, feed-forward 64, vocabulary 128) for tests. The configs are stored as
 * config.json resources under {@code org/mtl4j/zoo/presets/} and read by {@link HfConfigJson}.
 */
public final class Presets {

  private static final String DIR = "/org/mtl4j/zoo/presets/";
  private static final List<String> NAMES = loadNames();
  private static final Map<String, Preset> LOADED = new ConcurrentHashMap<>();

  private Presets() {}

  /**
   * @return every preset name, published ones first, then the tiny ones
   */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * @param name a preset name
   * @return the preset, if there is one by that name
   */
  public static Optional<Preset> find(String name) {
    if (!NAMES.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(LOADED.computeIfAbsent(name, Presets::load));
  }

  private static Preset load(String name) {
    return new Preset(name, HfConfigJson.fromJson(read(DIR + name + ".json"), "preset " + name));
  }

  /**
   * @param name a preset name
   * @return the preset
   * @throws IllegalArgumentException listing the known names when there is none by that name
   */
  public static Preset get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown preset '" + name + "'; known: " + String.join(", ", NAMES)));
  }

  /**
   * @param family an encoder family
   * @return the family's tiny test preset, {@code tiny-<model_type>}
   */
  public static Preset tiny(EncoderFamily family) {
    return get("tiny-" + family.modelType());
  }

  private static List<String> loadNames() {
    return Arrays.stream(read(DIR + "presets.txt").split("\n"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String read(String resource) {
    try (InputStream in = Presets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "preset resource " + resource + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read preset resource " + resource, e);
    }
  }
}
