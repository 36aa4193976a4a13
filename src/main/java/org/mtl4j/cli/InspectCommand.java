package org.mtl4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mtl4j.graph.inspect.ModelSummary;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.ir.Dim;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.passes.OptimizationLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mtl inspect MODEL.onnx [--json]}: IR version, opsets, typed inputs and outputs, node
 * count, operator histogram, parameter count and bytes, and metadata of an ONNX model.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show an ONNX model's inputs, outputs, operators, parameters and metadata.")
public final class InspectCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the model file")
  Path model;

  @Option(
      names = "--json",
      description =
          "print JSON: irVersion, opsets, inputs, outputs, nodeCount, opCounts,"
              + " parameterCount, parameterBytes, metadata")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ModelSummary summary = ModelSummary.of(OnnxReader.read(model));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? toJson(summary) + "\n" : toText(summary));
    out.flush();
    return ExitCodes.OK;
  }

  static String toJson(ModelSummary s) throws JsonProcessingException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("irVersion", s.irVersion());
    root.put("opsets", s.opsets());
    root.put("inputs", values(s.inputs()));
    root.put("outputs", values(s.outputs()));
    root.put("nodeCount", s.nodeCount());
    root.put("opCounts", s.opCounts());
    root.put("parameterCount", s.parameterCount());
    root.put("parameterBytes", s.parameterBytes());
    root.put("metadata", s.metadata());
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
  }

  private static List<Map<String, Object>> values(List<Value> values) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Value v : values) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", v.name());
      m.put("elemType", v.elemType().displayName());
      m.put(
          "shape",
          v.shape() == null ? null : v.shape().dims().stream().map(Dim::toJsonValue).toList());
      list.add(m);
    }
    return list;
  }

  private String toText(ModelSummary s) {
    StringBuilder b = new StringBuilder();
    line(b, "model", model.toString());
    line(b, "IR version", Long.toString(s.irVersion()));
    line(
        b,
        "opsets",
        s.opsets().entrySet().stream()
            .map(e -> OnnxDefaults.displayDomain(e.getKey()) + " " + e.getValue())
            .collect(Collectors.joining(", ")));
    int nameWidth =
        Stream.concat(s.inputs().stream(), s.outputs().stream())
            .mapToInt(v -> v.name().length())
            .max()
            .orElse(0);
    section(b, "inputs", s.inputs(), nameWidth);
    section(b, "outputs", s.outputs(), nameWidth);
    line(b, "nodes", Integer.toString(s.nodeCount()));
    b.append("operators\n");
    int width = s.opCounts().keySet().stream().mapToInt(String::length).max().orElse(0);
    s.opCounts()
        .forEach(
            (op, n) -> b.append(String.format(Locale.ROOT, "  %-" + width + "s %6d%n", op, n)));
    line(
        b,
        "parameters",
        String.format(Locale.ROOT, "%,d (%s)", s.parameterCount(), bytes(s.parameterBytes())));
    line(
        b,
        "metadata",
        s.metadata().isEmpty() ? "(none)" : String.join(", ", s.metadata().keySet()));
    String level = s.metadata().get(OptimizationLevel.LEVEL_KEY);
    if (level != null) {
      line(
          b,
          "optimized",
          level + " (" + s.metadata().getOrDefault(OptimizationLevel.PASSES_KEY, "") + ")");
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-11s%s%n", label, value));
  }

  private static void section(StringBuilder b, String label, List<Value> values, int width) {
    b.append(label).append('\n');
    for (Value v : values) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-" + width + "s %s%s%n",
              v.name(),
              v.elemType().displayName(),
              v.shape() == null ? "[?]" : v.shape().toString()));
    }
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int unit = -1;
    while (v >= 1024 && unit < units.length - 1) {
      v /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
  }
}
