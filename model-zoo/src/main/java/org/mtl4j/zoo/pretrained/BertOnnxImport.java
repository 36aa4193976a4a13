package org.mtl4j.zoo.pretrained;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Recovers a BERT encoder (HuggingFace names, PyTorch layouts, config) from an unfused ONNX export
 * of {@code BertModel}, such as the torch exporter writes.
 *
 * <p>The torch exporter keeps the names of biases and layer-norm parameters but renames the linear
 * weights ({@code onnx::MatMul_NNN}, stored transposed as {@code [in, out]}). Nothing here trusts
 * those numbers or node names: the walk starts at the {@code Gather} nodes that read {@code
 * input_ids} and {@code token_type_ids}, finds the embedding layer normalisation, and then follows
 * each layer through the graph's edges: the three projections that read the layer input are told
 * apart by where they flow (query: left operand of the score product; key: its right operand;
 * value: right operand of the product with the softmax), the attention output projection is the
 * next weighted MatMul after the context, then the residual, layer normalisation, the feed-forward
 * pair and the second residual and normalisation. The walk ends at the graph output. The config is
 * read from the same structure: sizes from the tensors, heads from the attention reshape, epsilon
 * from the normalisation's constant, GELU form from the activation's operators. Where an
 * initializer does carry a HuggingFace name, it must agree with the walk.
 */
public final class BertOnnxImport {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SEARCH_LIMIT = 64;

  private BertOnnxImport() {}

  /**
   * @param onnxFile an ONNX export of a BERT encoder
   * @param tokenizerFile its HuggingFace tokenizer.json
   * @return the encoder under the spec's names
   * @throws ModelFormatException naming the file and the place where the structure did not match
   */
  public static EncoderCheckpoint read(Path onnxFile, Path tokenizerFile) {
    try {
      Model model = OnnxReader.read(onnxFile);
      return fromModel(model, Files.readString(tokenizerFile), onnxFile.toString());
    } catch (OnnxFormatException e) {
      throw new ModelFormatException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + onnxFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param model a parsed ONNX model
   * @param tokenizerJson its HuggingFace tokenizer.json text
   * @param source where the model came from, for messages
   * @return the encoder under the spec's names
   */
  public static EncoderCheckpoint fromModel(Model model, String tokenizerJson, String source) {
    Walk walk = new Walk(new GraphView(model.graph(), source));
    walk.run();
    BertConfig config =
        new BertConfig(
            EncoderFamily.BERT,
            walk.vocab,
            walk.hidden,
            walk.layers,
            walk.heads,
            walk.intermediate,
            walk.activation,
            walk.maxPositions,
            walk.typeVocab,
            walk.eps,
            padTokenId(tokenizerJson, source),
            0.1,
            0.1,
            0.02);
    return new EncoderCheckpoint(config, walk.weights, tokenizerJson, source);
  }

  /** The padding id the tokenizer uses: its padding setting, else the {@code [PAD]} token. */
  static int padTokenId(String tokenizerJson, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(tokenizerJson);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          source + ": tokenizer.json is not valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode padding = root.path("padding");
    if (padding.has("pad_id")) {
      return padding.get("pad_id").asInt();
    }
    JsonNode pad = root.path("model").path("vocab").path("[PAD]");
    if (pad.isInt()) {
      return pad.asInt();
    }
    throw new ModelFormatException(
        source
            + ": tokenizer.json names no padding id (no padding.pad_id, no [PAD] in the vocabulary)");
  }

  /** The structural walk and what it found. */
  private static final class Walk {
    private final GraphView g;
    private final Map<String, FloatTensor> weights = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private int vocab;
    private int hidden;
    private int maxPositions;
    private int typeVocab;
    private int layers;
    private int heads;
    private int intermediate;
    private double eps = Double.NaN;
    private Activation activation;

    Walk(GraphView g) {
      this.g = g;
    }

    void run() {
      String h = embeddings();
      while (true) {
        List<Node> projections = g.users(h).stream().filter(this::isWeightMatMul).toList();
        if (projections.isEmpty()) {
          break;
        }
        h = layer(layers, h, projections);
        layers++;
      }
      if (layers == 0) {
        throw g.fail("no transformer layer reads the embedding output '" + h + "'");
      }
      if (heads == 0) {
        throw g.fail("the attention reshapes do not give the number of heads as constants");
      }
      String end = h;
      if (g.graph().outputs().stream().map(Value::name).noneMatch(end::equals)) {
        throw g.fail("the last layer's output '" + end + "' is not a graph output");
      }
      List<String> unused =
          g.graph().initializers().values().stream()
              .filter(t -> t.elemType() == ElemType.FLOAT && !used.contains(t.name()))
              .map(Tensor::toString)
              .toList();
      if (!unused.isEmpty()) {
        throw g.fail("float initializers outside the recovered encoder: " + unused);
      }
    }

    /** Finds the three embedding tables and their layer normalisation; returns its output. */
    private String embeddings() {
      Node word =
          g.users(OnnxContract.INPUT_IDS).stream()
              .filter(
                  n ->
                      n.opType().equals("Gather")
                          && n.inputs().get(1).equals(OnnxContract.INPUT_IDS))
              .filter(n -> g.floatConstant(n.inputs().get(0), 2).isPresent())
              .findFirst()
              .orElseThrow(() -> g.fail("no Gather reads an embedding table with input_ids"));
      String sum = word.outputs().get(0);
      while (g.users(sum).stream().noneMatch(this::startsLayerNorm)) {
        sum = g.onlyUser(sum, "Add", "the embedding sum").outputs().get(0);
      }
      List<Node> gathers = new ArrayList<>();
      collectGathers(sum, gathers);
      for (Node gather : gathers) {
        String indices = gather.inputs().get(1);
        String table = gather.inputs().get(0);
        if (indices.equals(OnnxContract.INPUT_IDS)) {
          vocab = rows(table);
          hidden = cols(table);
          put("embeddings.word_embeddings.weight", table, false);
        } else if (indices.equals(OnnxContract.TOKEN_TYPE_IDS)) {
          typeVocab = rows(table);
          put("embeddings.token_type_embeddings.weight", table, false);
        } else if (g.producedVia(indices, "CumSum", 8)) {
          throw g.fail("position ids computed with CumSum (RoBERTa style) are not BERT's");
        } else {
          maxPositions = rows(table);
          put("embeddings.position_embeddings.weight", table, false);
        }
      }
      if (vocab == 0 || typeVocab == 0 || maxPositions == 0 || gathers.size() != 3) {
        throw g.fail(
            "expected word, position and token-type embeddings summed before the first layer"
                + " normalisation, found "
                + gathers.size()
                + " tables");
      }
      return layerNorm("embeddings.LayerNorm", sum);
    }

    private void collectGathers(String value, List<Node> out) {
      Node p = g.producer(value).orElseThrow(() -> g.fail("'" + value + "' has no producer"));
      if (p.opType().equals("Add")) {
        for (String in : p.inputs()) {
          collectGathers(in, out);
        }
      } else if (p.opType().equals("Gather") && g.floatConstant(p.inputs().get(0), 2).isPresent()) {
        out.add(p);
      } else {
        throw g.fail(
            "the embedding sum holds '"
                + value
                + "' from "
                + p.opType()
                + ", not an embedding lookup");
      }
    }

    /** One encoder layer; returns its output. */
    private String layer(int index, String h, List<Node> projections) {
      String l = "encoder.layer." + index + ".";
      if (projections.size() != 3) {
        throw g.fail(
            "layer "
                + index
                + ": expected query, key and value projections of '"
                + h
                + "', found "
                + projections.size()
                + " weighted MatMuls");
      }
      Node context = null;
      Set<String> roles = new HashSet<>();
      for (Node projection : projections) {
        String out = linear(projection);
        Role role = attentionRole(index, out);
        if (!roles.add(role.name)) {
          throw g.fail("layer " + index + ": two projections act as the " + role.name);
        }
        linearWeights(l + "attention.self." + role.name, projection);
        if (role.name.equals("value")) {
          context = role.product;
        }
      }
      Set<Node> passed = new HashSet<>();
      Node dense =
          g.findForward(context.outputs().get(0), this::isWeightMatMul, passed, SEARCH_LIMIT)
              .orElseThrow(() -> g.fail("layer " + index + ": no attention output projection"));
      String attended = residual(index, linear(dense), h);
      linearWeights(l + "attention.output.dense", dense);
      String h1 = layerNorm(l + "attention.output.LayerNorm", attended);

      List<Node> up = g.users(h1).stream().filter(this::isWeightMatMul).toList();
      if (up.size() != 1) {
        throw g.fail("layer " + index + ": expected one feed-forward projection of '" + h1 + "'");
      }
      Node inter = up.get(0);
      String interOut = linear(inter);
      intermediate = cols(inter.inputs().get(1));
      linearWeights(l + "intermediate.dense", inter);
      Set<Node> act = new HashSet<>();
      Node down =
          g.findForward(interOut, this::isWeightMatMul, act, SEARCH_LIMIT)
              .orElseThrow(() -> g.fail("layer " + index + ": no feed-forward output projection"));
      noteActivation(index, act);
      String ffn = residual(index, linear(down), h1);
      linearWeights(l + "output.dense", down);
      return layerNorm(l + "output.LayerNorm", ffn);
    }

    /** Where a projection flows: the attention product it feeds, and as which operand. */
    private Role attentionRole(int index, String value) {
      String v = value;
      for (int step = 0; step < SEARCH_LIMIT; step++) {
        Node n = g.onlyUser(v, "the attention path of layer " + index);
        if (n.opType().equals("MatMul")) {
          String name;
          if (n.inputs().get(0).equals(v)) {
            name = "query";
          } else if (g.producedVia(n.inputs().get(0), "Softmax", 3)) {
            name = "value";
          } else {
            name = "key";
          }
          return new Role(name, n);
        }
        if (n.opType().equals("Reshape")) {
          noteHeads(index, n.inputs().get(1));
        }
        v = n.outputs().get(0);
      }
      throw g.fail("layer " + index + ": projection '" + value + "' reaches no attention product");
    }

    private void noteHeads(int index, String shapeValue) {
      long[] dims = reshapeTarget(shapeValue);
      if (dims.length != 4 || dims[2] < 1 || dims[3] < 1) {
        return;
      }
      int found = Math.toIntExact(dims[2]);
      if (dims[2] * dims[3] != hidden) {
        throw g.fail(
            "layer "
                + index
                + ": attention reshape to "
                + dims[2]
                + " heads of "
                + dims[3]
                + " does not cover hidden size "
                + hidden);
      }
      if (heads != 0 && heads != found) {
        throw g.fail("layer " + index + " has " + found + " heads, earlier layers " + heads);
      }
      heads = found;
    }

    /** The target of a Reshape: a constant, or a Concat whose trailing parts are constants. */
    private long[] reshapeTarget(String shapeValue) {
      Optional<Tensor> constant = g.constant(shapeValue);
      if (constant.isPresent() && constant.get().elemType() == ElemType.INT64) {
        return constant.get().toLongArray();
      }
      Optional<Node> concat = g.producer(shapeValue).filter(n -> n.opType().equals("Concat"));
      if (concat.isEmpty()) {
        return new long[0];
      }
      List<String> parts = concat.get().inputs();
      long[] dims = new long[parts.size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = g.longScalar(parts.get(i)).orElse(-1L);
      }
      return dims;
    }

    private void noteActivation(int index, Set<Node> passed) {
      Set<String> ops = new HashSet<>();
      passed.forEach(n -> ops.add(n.opType()));
      Activation found;
      if (ops.contains("Erf")) {
        found = Activation.GELU;
      } else if (ops.contains("Tanh")) {
        found = Activation.GELU_TANH;
      } else if (ops.contains("Relu")) {
        found = Activation.RELU;
      } else {
        throw g.fail("layer " + index + ": feed-forward activation not recognised from " + ops);
      }
      if (activation != null && activation != found) {
        throw g.fail("layer " + index + " uses " + found + ", earlier layers " + activation);
      }
      activation = found;
    }

    /** The residual Add after a projection; its other operand must be the block input. */
    private String residual(int index, String projected, String blockInput) {
      Node add = g.onlyUser(projected, "Add", "the residual connection of layer " + index);
      if (!g.otherInput(add, projected).equals(blockInput)) {
        throw g.fail(
            "layer "
                + index
                + ": residual '"
                + add.name()
                + "' does not add the block input '"
                + blockInput
                + "'");
      }
      return add.outputs().get(0);
    }

    private boolean startsLayerNorm(Node n) {
      return n.opType().equals("ReduceMean") || n.opType().equals("LayerNormalization");
    }

    /** Matches a layer normalisation on x, records its parameters; returns its output. */
    private String layerNorm(String name, String x) {
      Optional<Node> fused =
          g.users(x).stream().filter(n -> n.opType().equals("LayerNormalization")).findFirst();
      if (fused.isPresent()) {
        Node ln = fused.get();
        float epsilon =
            ln.attribute("epsilon").map(a -> ((Attribute.FloatAttr) a).value()).orElse(1e-5f);
        noteEps(name, epsilon);
        put(name + ".weight", ln.inputs().get(1), false);
        put(name + ".bias", ln.inputs().get(2), false);
        return ln.outputs().get(0);
      }
      Node mean = first(x, "ReduceMean", name);
      Node sub =
          g.users(x).stream()
              .filter(
                  n ->
                      n.opType().equals("Sub")
                          && n.inputs().equals(List.of(x, mean.outputs().get(0))))
              .findFirst()
              .orElseThrow(() -> g.fail(name + ": no mean subtraction on '" + x + "'"));
      String centred = sub.outputs().get(0);
      Node pow = first(centred, "Pow", name);
      Node div = first(centred, "Div", name);
      Node variance = g.onlyUser(pow.outputs().get(0), "ReduceMean", name + " variance");
      Node addEps = g.onlyUser(variance.outputs().get(0), "Add", name + " epsilon");
      float epsilon =
          g.floatScalar(g.otherInput(addEps, variance.outputs().get(0)))
              .orElseThrow(() -> g.fail(name + ": epsilon is not a constant"));
      Node sqrt = g.onlyUser(addEps.outputs().get(0), "Sqrt", name + " square root");
      if (!div.inputs().get(1).equals(sqrt.outputs().get(0))) {
        throw g.fail(name + ": '" + div.name() + "' does not divide by the standard deviation");
      }
      Node scale = g.onlyUser(div.outputs().get(0), "Mul", name + " scale");
      Node shift = g.onlyUser(scale.outputs().get(0), "Add", name + " shift");
      noteEps(name, epsilon);
      put(name + ".weight", g.otherInput(scale, div.outputs().get(0)), false);
      put(name + ".bias", g.otherInput(shift, scale.outputs().get(0)), false);
      return shift.outputs().get(0);
    }

    private Node first(String value, String opType, String what) {
      return g.users(value).stream()
          .filter(n -> n.opType().equals(opType))
          .findFirst()
          .orElseThrow(() -> g.fail(what + ": no " + opType + " reads '" + value + "'"));
    }

    private void noteEps(String name, float epsilon) {
      double value = Double.parseDouble(Float.toString(epsilon));
      if (!Double.isNaN(eps) && eps != value) {
        throw g.fail(name + " has epsilon " + value + ", earlier normalisations " + eps);
      }
      eps = value;
    }

    private boolean isWeightMatMul(Node n) {
      return n.opType().equals("MatMul")
          && n.inputs().size() == 2
          && g.floatConstant(n.inputs().get(1), 2).isPresent()
          && g.constant(n.inputs().get(0)).isEmpty();
    }

    /** The bias Add after a weighted MatMul; returns its output. */
    private String linear(Node matmul) {
      Node add = biasAdd(matmul);
      String bias = g.otherInput(add, matmul.outputs().get(0));
      long out = cols(matmul.inputs().get(1));
      if (g.floatConstant(bias, 1).filter(t -> t.dims()[0] == out).isEmpty()) {
        throw g.fail("'" + matmul.name() + "' is not followed by a bias of " + out);
      }
      return add.outputs().get(0);
    }

    /** Records weight (transposed to [out, in]) and bias of a linear layer. */
    private void linearWeights(String name, Node matmul) {
      put(name + ".weight", matmul.inputs().get(1), true);
      put(name + ".bias", g.otherInput(biasAdd(matmul), matmul.outputs().get(0)), false);
    }

    private Node biasAdd(Node matmul) {
      return g.onlyUser(matmul.outputs().get(0), "Add", "the bias of '" + matmul.name() + "'");
    }

    private void put(String hfName, String value, boolean transpose) {
      Tensor t =
          g.constant(value)
              .filter(c -> c.elemType() == ElemType.FLOAT)
              .orElseThrow(() -> g.fail(hfName + ": '" + value + "' is not a float constant"));
      Graph graph = g.graph();
      if (graph.initializers().containsKey(value)
          && !value.startsWith("onnx::")
          && !value.equals(hfName)) {
        throw g.fail(
            "the graph's structure makes initializer '" + value + "' the parameter " + hfName);
      }
      if (!used.add(value)) {
        throw g.fail("'" + value + "' is used as two parameters, the second " + hfName);
      }
      float[] data = t.toFloatArray();
      long[] dims = t.dims();
      if (transpose) {
        data = transpose(data, (int) dims[0], (int) dims[1]);
        dims = new long[] {dims[1], dims[0]};
      }
      weights.put(hfName, new FloatTensor(dims, data));
    }

    private int rows(String value) {
      return Math.toIntExact(g.constant(value).orElseThrow().dims()[0]);
    }

    private int cols(String value) {
      return Math.toIntExact(g.constant(value).orElseThrow().dims()[1]);
    }
  }

  /** An attention projection's role and the product it feeds. */
  private record Role(String name, Node product) {}

  /** Row-major transpose of a matrix. */
  static float[] transpose(float[] data, int rows, int cols) {
    float[] out = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = data[r * cols + c];
      }
    }
    return out;
  }
}
