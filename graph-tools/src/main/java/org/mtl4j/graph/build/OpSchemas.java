package org.mtl4j.graph.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mtl4j.graph.ir.OnnxDefaults;

/**
 * A registry of {@link OpSchema}s. The standard registry is data: {@code op-schemas.tsv} beside
 * this class lists the ai.onnx operators a BERT-family encoder and its heads need, and ONNX
 * Runtime's com.microsoft contrib operators used by fusion. Immutable; {@link #with} returns an
 * extended copy.
 */
public final class OpSchemas {

  private static final String RESOURCE = "op-schemas.tsv";
  private static final OpSchemas STANDARD = load();

  /** Rows per {@code domain:opType}, sorted by since-version. */
  private final Map<String, List<OpSchema>> byOp;

  private OpSchemas(Map<String, List<OpSchema>> byOp) {
    this.byOp = byOp;
  }

  /**
   * @return the schemas shipped with mtl4j
   */
  public static OpSchemas standard() {
    return STANDARD;
  }

  /**
   * @param extra further schemas (custom domains, other versions)
   * @return a registry with this one's schemas and the extra ones
   */
  public OpSchemas with(OpSchema... extra) {
    Map<String, List<OpSchema>> copy = new HashMap<>();
    byOp.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
    for (OpSchema s : extra) {
      copy.computeIfAbsent(key(s.domain(), s.opType()), k -> new ArrayList<>()).add(s);
    }
    copy.values().forEach(OpSchemas::sort);
    return new OpSchemas(copy);
  }

  /**
   * Finds the signature in force for an opset version: the row with the highest since-version not
   * above it.
   *
   * @param domain the domain ({@code ""} or {@code ai.onnx} for the default)
   * @param opType the operator
   * @param opsetVersion the version of the domain the model imports
   * @return the schema, or empty when the operator is unknown or newer than the opset
   */
  public Optional<OpSchema> find(String domain, String opType, long opsetVersion) {
    OpSchema found = null;
    for (OpSchema s : byOp.getOrDefault(key(domain, opType), List.of())) {
      if (s.sinceVersion() <= opsetVersion) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * @param domain the domain
   * @param opType the operator
   * @return the opset version the operator first appears in, or empty when unknown
   */
  public Optional<Integer> firstVersion(String domain, String opType) {
    List<OpSchema> rows = byOp.getOrDefault(key(domain, opType), List.of());
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).sinceVersion());
  }

  /**
   * @return every schema, ordered by domain, operator and version
   */
  public List<OpSchema> all() {
    return byOp.values().stream()
        .flatMap(List::stream)
        .sorted(
            Comparator.comparing(OpSchema::domain)
                .thenComparing(OpSchema::opType)
                .thenComparingInt(OpSchema::sinceVersion))
        .toList();
  }

  private static String key(String domain, String opType) {
    return OnnxDefaults.normalizeDomain(domain) + ":" + opType;
  }

  private static void sort(List<OpSchema> rows) {
    rows.sort(Comparator.comparingInt(OpSchema::sinceVersion));
  }

  private static OpSchemas load() {
    Map<String, List<OpSchema>> map = new HashMap<>();
    try (InputStream in = OpSchemas.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the graph-tools jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        OpSchema s = parse(line, lineNo);
        map.computeIfAbsent(key(s.domain(), s.opType()), k -> new ArrayList<>()).add(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    map.values().forEach(OpSchemas::sort);
    return new OpSchemas(map);
  }

  private static OpSchema parse(String line, int lineNo) {
    String[] f = line.split("\t");
    if (f.length != 6) {
      throw new IllegalStateException(
          RESOURCE + " line " + lineNo + ": expected 6 tab-separated fields, got " + f.length);
    }
    try {
      int[] in = range(f[3]);
      int[] out = range(f[4]);
      Set<String> attrs =
          f[5].equals("-") ? Set.of() : new HashSet<>(Arrays.asList(f[5].split(",")));
      return new OpSchema(f[0], f[1], Integer.parseInt(f[2]), in[0], in[1], out[0], out[1], attrs);
    } catch (RuntimeException e) {
      throw new IllegalStateException(RESOURCE + " line " + lineNo + ": " + e.getMessage(), e);
    }
  }

  private static int[] range(String text) {
    int dots = text.indexOf("..");
    if (dots < 0) {
      int n = Integer.parseInt(text);
      return new int[] {n, n};
    }
    String max = text.substring(dots + 2);
    return new int[] {
      Integer.parseInt(text.substring(0, dots)),
      max.equals("*") ? OpSchema.VARIADIC : Integer.parseInt(max)
    };
  }
}
