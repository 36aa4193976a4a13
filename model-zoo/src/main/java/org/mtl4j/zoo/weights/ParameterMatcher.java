package org.mtl4j.zoo.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.ParameterSpec;

/**
 * Holds a checkpoint's tensor names and shapes to an encoder spec. Names are accepted with or
 * without the family's task prefix, and layer-norm parameters also under the legacy names {@code
 * gamma} and {@code beta} that checkpoints converted from TensorFlow carry (transformers renames
 * them on load the same way). Names outside the encoder's modules (task heads such as {@code
 * classifier.weight}) and transformers' buffers ({@code embeddings.position_ids}) are ignored; the
 * pooler is optional but, when present, must be complete. Everything else must match exactly, or
 * the error lists what is missing, unexpected or mis-shaped.
 */
public final class ParameterMatcher {

  /** Buffers some transformers versions saved in state_dicts; they are not parameters. */
  private static final Set<String> BUFFERS =
      Set.of("embeddings.position_ids", "embeddings.token_type_ids");

  private static final int LIST_LIMIT = 20;

  private ParameterMatcher() {}

  /**
   * @param config the encoder spec to match
   * @param found the checkpoint's tensors: name to shape
   * @param source the checkpoint, for messages
   * @return the mapping from spec names to checkpoint names
   * @throws ModelFormatException listing every missing, unexpected, duplicated and mis-shaped
   *     tensor
   */
  public static ParameterMatch match(
      EncoderConfig config, Map<String, long[]> found, String source) {
    EncoderFamily family = config.family();
    Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    for (ParameterSpec spec : config.parameters(true)) {
      specs.put(spec.name(), spec);
    }
    Map<String, String> sourceNames = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    List<String> misShaped = new ArrayList<>();
    for (Map.Entry<String, long[]> e : found.entrySet()) {
      String name = e.getKey();
      String bare = legacyToCurrent(family.stripPrefix(name));
      ParameterSpec spec = specs.get(bare);
      if (!family.ownsName(name) || BUFFERS.contains(bare)) {
        ignored.add(name);
      } else if (spec == null) {
        unexpected.add(name);
      } else if (sourceNames.containsKey(bare)) {
        duplicated.add(sourceNames.get(bare) + " and " + name);
      } else {
        sourceNames.put(bare, name);
        if (!spec.hasShape(e.getValue())) {
          misShaped.add(
              name
                  + " is "
                  + Arrays.toString(e.getValue())
                  + ", expected "
                  + Arrays.toString(spec.shape()));
        }
      }
    }
    boolean pooler =
        specs.values().stream().anyMatch(s -> s.pooler() && sourceNames.containsKey(s.name()));
    List<String> missing =
        specs.values().stream()
            .filter(s -> !sourceNames.containsKey(s.name()) && (pooler || !s.pooler()))
            .map(ParameterSpec::name)
            .toList();
    if (!missing.isEmpty()
        || !unexpected.isEmpty()
        || !duplicated.isEmpty()
        || !misShaped.isEmpty()) {
      StringBuilder msg =
          new StringBuilder(source)
              .append(" does not match the ")
              .append(family.modelType())
              .append(" spec (")
              .append(config.numLayers())
              .append(" layers, hidden ")
              .append(config.hiddenSize())
              .append("):");
      section(msg, "missing", missing);
      section(msg, "unexpected", unexpected);
      section(
          msg, "given twice (with and without prefix '" + family.taskPrefix() + "')", duplicated);
      section(msg, "wrong shape", misShaped);
      throw new ModelFormatException(msg.toString());
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String name : specs.keySet()) {
      if (sourceNames.containsKey(name)) {
        ordered.put(name, sourceNames.get(name));
      }
    }
    return new ParameterMatch(ordered, pooler, ignored);
  }

  private static String legacyToCurrent(String name) {
    if (name.endsWith(".gamma")) {
      return name.substring(0, name.length() - ".gamma".length()) + ".weight";
    }
    if (name.endsWith(".beta")) {
      return name.substring(0, name.length() - ".beta".length()) + ".bias";
    }
    return name;
  }

  private static void section(StringBuilder msg, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    msg.append("\n  ").append(title).append(" (").append(items.size()).append("):");
    items.stream().limit(LIST_LIMIT).forEach(i -> msg.append("\n    ").append(i));
    if (items.size() > LIST_LIMIT) {
      msg.append("\n    ... and ").append(items.size() - LIST_LIMIT).append(" more");
    }
  }
}
