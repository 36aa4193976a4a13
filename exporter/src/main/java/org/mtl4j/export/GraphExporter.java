package org.mtl4j.export;

import java.util.Set;
import java.util.TreeMap;
import org.mtl4j.graph.build.GraphBuilder;
import org.mtl4j.graph.build.OpSchema;
import org.mtl4j.graph.build.OpSchemas;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.ParameterSpec;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Builds the portable (standard operators only) multi-output graph: the encoder once, every head
 * reading its outputs. Inputs {@code input_ids}, {@code attention_mask} and, for families with
 * token types, {@code token_type_ids} (int64 {@code [batch, sequence]}, both dynamic); outputs
 * {@code <task>.logits} per task, or {@code last_hidden_state} (and {@code pooler_output} where the
 * encoder has a pooler) for an encoder-only graph. IR version {@link OnnxDefaults#IR_VERSION},
 * ai.onnx opset {@link OnnxDefaults#AI_ONNX_OPSET}.
 */
public final class GraphExporter {

  /** The {@code metadata_props} key recording the flavour. */
  public static final String FLAVOUR_KEY = "mtl4j.flavour";

  /** The flavour this exporter writes. */
  public static final String PORTABLE = "portable";

  /** The standard schemas plus the trigonometry XLNet's positional encoding needs. */
  private static final OpSchemas SCHEMAS =
      OpSchemas.standard()
          .with(
              new OpSchema(OnnxDefaults.AI_ONNX, "Sin", 7, 1, 1, 1, 1, Set.of()),
              new OpSchema(OnnxDefaults.AI_ONNX, "Cos", 7, 1, 1, 1, 1, Set.of()));

  private GraphExporter() {}

  /**
   * @param request the encoder, weights, heads and metadata
   * @return the checked model
   * @throws IllegalArgumentException naming the tensor or task when weights are missing or
   *     misshapen
   */
  public static Model build(ExportRequest request) {
    EncoderConfig config = request.config();
    EncoderFamily family = config.family();
    GraphBuilder b = new GraphBuilder(family.modelType() + "_multitask", SCHEMAS);
    b.producer(
        "mtl4j",
        GraphExporter.class.getPackage().getImplementationVersion() == null
            ? "dev"
            : GraphExporter.class.getPackage().getImplementationVersion());
    b.opset(OnnxDefaults.AI_ONNX, OnnxDefaults.AI_ONNX_OPSET);
    new TreeMap<>(request.metadata()).forEach(b::metadata);
    b.metadata(FLAVOUR_KEY, PORTABLE);
    b.metadata("mtl4j.encoder.family", family.modelType());
    b.metadata("mtl4j.encoder.hidden_act", config.activation().hfName());
    Shape ids = Shape.of("batch", "sequence");
    GraphInputs in =
        new GraphInputs(
            b.input(OnnxContract.INPUT_IDS, ElemType.INT64, ids),
            b.input(OnnxContract.ATTENTION_MASK, ElemType.INT64, ids),
            family.usesTokenTypeIds()
                ? b.input(OnnxContract.TOKEN_TYPE_IDS, ElemType.INT64, ids)
                : null);
    GraphOps ops = new GraphOps(b, request.weights());
    boolean pooler = hasPooler(config, request);
    EncoderGraph encoder = EncoderEmitter.of(config).emit(ops, in, pooler);
    int hidden = config.hiddenSize();
    if (request.tasks().isEmpty()) {
      String last =
          b.op("Identity").in(encoder.lastHidden()).outs(OnnxContract.LAST_HIDDEN_STATE).get(0);
      b.output(last, ElemType.FLOAT, Shape.of("batch", "sequence", hidden));
      if (encoder.pooled() != null) {
        String pooled =
            b.op("Identity").in(encoder.pooled()).outs(OnnxContract.POOLER_OUTPUT).get(0);
        b.output(pooled, ElemType.FLOAT, Shape.of("batch", hidden));
      }
    } else {
      if (request.hiddenState()) {
        String last =
            b.op("Identity").in(encoder.lastHidden()).outs(OnnxContract.LAST_HIDDEN_STATE).get(0);
        b.output(last, ElemType.FLOAT, Shape.of("batch", "sequence", hidden));
      }
      String sentence = null;
      for (TaskSpec task : request.tasks()) {
        if (!task.type().tokenLevel() && sentence == null) {
          sentence = HeadEmitter.sentenceVector(ops, encoder, family);
        }
        String out =
            HeadEmitter.emit(ops, task, hidden, encoder.lastHidden(), sentence, request.weights());
        int classes = task.labels().size();
        b.output(
            out,
            ElemType.FLOAT,
            task.type().tokenLevel()
                ? Shape.of("batch", "sequence", classes)
                : Shape.of("batch", classes));
      }
    }
    return b.build();
  }

  /** Whether the weights hold the family's pooler (all of its parameters). */
  static boolean hasPooler(EncoderConfig config, ExportRequest request) {
    if (!config.family().hasPooler()) {
      return false;
    }
    return config.parameters(true).stream()
        .filter(ParameterSpec::pooler)
        .allMatch(p -> request.weights().containsKey(p.name()));
  }
}
