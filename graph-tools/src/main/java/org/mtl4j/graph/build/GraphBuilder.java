package org.mtl4j.graph.build;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mtl4j.graph.check.ModelChecker;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;

/**
 * Builds a model node by node, checking each node against its {@link OpSchema} as it is added and
 * generating unique names. A new builder imports ai.onnx opset {@link OnnxDefaults#AI_ONNX_OPSET}
 * at IR version {@link OnnxDefaults#IR_VERSION}; the first com.microsoft node imports that domain
 * at version {@link OnnxDefaults#MICROSOFT_OPSET}.
 *
 * <pre>{@code
 * GraphBuilder b = new GraphBuilder("classifier");
 * String x = b.input("x", ElemType.FLOAT, Shape.of("batch", 4));
 * String w = b.initializer(Tensor.floats("w", new long[] {4, 3}, weights));
 * String logits = b.op("MatMul").in(x, w).out();
 * String probs = b.op("Softmax").in(logits).attr("axis", -1).out();
 * b.output(logits, ElemType.FLOAT, Shape.of("batch", 3)).output(probs, ElemType.FLOAT, Shape.of("batch", 3));
 * Model model = b.build();
 * }</pre>
 *
 * <p>Values are referred to by name. Misuse (a wrong input count, an undefined input, a missing
 * required attribute) throws {@link IllegalArgumentException} with a message such as {@code
 * Building ai.onnx:MatMul: expected 2 inputs, got 1}. Not thread-safe.
 */
public final class GraphBuilder {

  private final Model model;
  private final Graph graph;
  private final OpSchemas schemas;
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> definedValues = new HashSet<>();
  private final Map<String, Integer> suffixes = new HashMap<>();

  /**
   * @param graphName the graph's name
   */
  public GraphBuilder(String graphName) {
    this(graphName, OpSchemas.standard());
  }

  /**
   * @param graphName the graph's name
   * @param schemas the operator schemas nodes are checked against
   */
  public GraphBuilder(String graphName, OpSchemas schemas) {
    this.graph = new Graph(graphName);
    this.model = new Model(graph).importOpset(OnnxDefaults.AI_ONNX, OnnxDefaults.AI_ONNX_OPSET);
    this.schemas = Objects.requireNonNull(schemas, "schemas");
    model.setProducer("mtl4j", "");
  }

  /**
   * Imports a domain at a version (or changes the version of an imported one).
   *
   * @param domain the domain ({@code ""} or {@code ai.onnx} for the default)
   * @param version the opset version
   * @return this builder
   */
  public GraphBuilder opset(String domain, long version) {
    model.importOpset(domain, version);
    return this;
  }

  /**
   * @param name the producing tool
   * @param version its version
   * @return this builder
   */
  public GraphBuilder producer(String name, String version) {
    model.setProducer(name, version);
    return this;
  }

  /**
   * @param key a {@code metadata_props} key
   * @param value its value
   * @return this builder
   */
  public GraphBuilder metadata(String key, String value) {
    model
        .metadata()
        .put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Declares a graph input.
   *
   * @param name the input's name (must be unused)
   * @param elemType its element type
   * @param shape its shape, with named dynamic dimensions where needed
   * @return the name
   */
  public String input(String name, ElemType elemType, Shape shape) {
    claim(name, "graph input");
    graph.inputs().add(new Value(name, elemType, Objects.requireNonNull(shape, "shape")));
    definedValues.add(name);
    return name;
  }

  /**
   * Adds an initializer under the tensor's own name.
   *
   * @param tensor a named tensor
   * @return its name
   */
  public String initializer(Tensor tensor) {
    claim(tensor.name(), "initializer");
    return addClaimed(tensor);
  }

  private String addClaimed(Tensor tensor) {
    graph.addInitializer(tensor);
    definedValues.add(tensor.name());
    return tensor.name();
  }

  /**
   * Adds a rank-1 int64 initializer (shapes, axes, indices) under a generated name.
   *
   * @param baseName the name's stem
   * @param values the elements
   * @return the initializer's name
   */
  public String longs(String baseName, long... values) {
    return addClaimed(Tensor.longs(uniqueName(baseName), new long[] {values.length}, values));
  }

  /**
   * Adds a rank-0 float initializer under a generated name.
   *
   * @param baseName the name's stem
   * @param value the value
   * @return the initializer's name
   */
  public String scalar(String baseName, float value) {
    return addClaimed(Tensor.scalar(uniqueName(baseName), value));
  }

  /**
   * Starts a node of the default domain (ai.onnx).
   *
   * @param opType the operator
   * @return the node's builder; the node is added by its {@code out} methods
   */
  public NodeBuilder op(String opType) {
    return op(OnnxDefaults.AI_ONNX, opType);
  }

  /**
   * Starts a node of a domain.
   *
   * @param domain the domain, e.g. {@link OnnxDefaults#MICROSOFT}
   * @param opType the operator
   * @return the node's builder; the node is added by its {@code out} methods
   */
  public NodeBuilder op(String domain, String opType) {
    return new NodeBuilder(this, OnnxDefaults.normalizeDomain(domain), opType);
  }

  /**
   * Declares an existing value a graph output.
   *
   * @param value a defined value
   * @param elemType its element type
   * @param shape its shape
   * @return this builder
   */
  public GraphBuilder output(String value, ElemType elemType, Shape shape) {
    if (!definedValues.contains(value)) {
      throw new IllegalArgumentException("graph output '" + value + "' is not a defined value");
    }
    graph.outputs().add(new Value(value, elemType, Objects.requireNonNull(shape, "shape")));
    return this;
  }

  /**
   * @param base a name's stem
   * @return {@code base} if unused, otherwise {@code base_1}, {@code base_2}, ...; the name is
   *     reserved
   */
  public String uniqueName(String base) {
    String name = freshName(base);
    usedNames.add(name);
    return name;
  }

  /** The name {@link #uniqueName} would return now, without reserving it. */
  String freshName(String base) {
    if (!usedNames.contains(base)) {
      return base;
    }
    // Names are never released, so every base_k below the remembered suffix is still taken.
    int n = suffixes.getOrDefault(base, 1);
    while (usedNames.contains(base + "_" + n)) {
      n++;
    }
    suffixes.put(base, n);
    return base + "_" + n;
  }

  boolean isUsed(String name) {
    return usedNames.contains(name);
  }

  void reserve(String name) {
    usedNames.add(name);
  }

  /**
   * @param value a value name
   * @return whether it is a graph input, an initializer or an output of an added node
   */
  public boolean isDefined(String value) {
    return definedValues.contains(value);
  }

  /**
   * @return the graph built so far (live)
   */
  public Graph graph() {
    return graph;
  }

  /**
   * Checks the whole model with {@link ModelChecker} and returns it.
   *
   * @return the model
   * @throws org.mtl4j.graph.OnnxFormatException listing every problem found
   */
  public Model build() {
    return ModelChecker.requireValid(model);
  }

  OpSchemas schemas() {
    return schemas;
  }

  Model model() {
    return model;
  }

  void claim(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a " + what + " needs a name");
    }
    if (!usedNames.add(name)) {
      throw new IllegalArgumentException(what + " name '" + name + "' is already used");
    }
  }

  void add(Node node) {
    graph.nodes().add(node);
    for (String out : node.outputs()) {
      if (!out.isEmpty()) {
        definedValues.add(out);
      }
    }
  }

  List<String> undefinedAmong(List<String> names) {
    return names.stream().filter(n -> !n.isEmpty() && !definedValues.contains(n)).toList();
  }
}
