package org.mtl4j.train.encoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.ParameterKind;
import org.mtl4j.zoo.encoder.ParameterSpec;
import org.mtl4j.zoo.encoder.PostNormLayerNames;
import org.mtl4j.zoo.pkg.OnnxContract;

/**
 * A transformer encoder of one family as a DJL block, computing what the family's bare HuggingFace
 * model computes. Its parameters are exactly the spec's ({@link
 * EncoderConfig#parameters(boolean)}): each {@link Parameter} is named by its HuggingFace
 * state_dict key, so {@code getParameters()} and {@link EncoderWeights} use the same names as
 * checkpoints, packages and the exporter.
 *
 * <p><b>Inputs</b> ({@link #inputNames()}): {@code input_ids} and {@code attention_mask}, int64
 * {@code [batch, sequence]}, then {@code token_type_ids} for families that use them (BERT, ALBERT,
 * XLNet; optional, zeros when left out). <b>Outputs</b>: {@code last_hidden_state} {@code [batch,
 * sequence, hidden]}, then {@code pooler_output} {@code [batch, hidden]} when the block has a
 * pooler. {@link #sentenceVector(NDList)} picks the vector a sequence-level head reads.
 *
 * <p>Weights are loaded into a fresh block ({@link EncoderWeights}); DJL's {@code initialize},
 * which a {@code Trainer} calls, keeps them and only marks them trainable. With {@code training =
 * false} the forward pass has no dropout. Build blocks with {@link EncoderBlocks}.
 */
public abstract class EncoderBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final EncoderConfig config;
  private final boolean pooler;
  private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();

  /**
   * Creates the block's parameters, uninitialised, from the spec.
   *
   * @param config the hyper-parameters
   * @param withPooler whether to include the pooler (ignored for families without one)
   */
  protected EncoderBlock(EncoderConfig config, boolean withPooler) {
    super(VERSION);
    this.config = config;
    this.pooler = withPooler && config.family().hasPooler();
    for (ParameterSpec spec : config.parameters(pooler)) {
      specs.put(spec.name(), spec);
      addParameter(Parameter.builder().setName(spec.name()).setType(typeOf(spec.kind())).build());
    }
  }

  /**
   * @return the hyper-parameters the block was built from
   */
  public EncoderConfig config() {
    return config;
  }

  /**
   * @return the encoder family
   */
  public EncoderFamily family() {
    return config.family();
  }

  /**
   * @return whether the block has the family's pooler and returns {@code pooler_output}
   */
  public boolean hasPooler() {
    return pooler;
  }

  /**
   * @return the spec of every parameter, in state_dict order
   */
  public List<ParameterSpec> parameterSpecs() {
    return List.copyOf(specs.values());
  }

  /**
   * @return the names of the inputs the block reads, in order
   */
  public List<String> inputNames() {
    return OnnxContract.inputs(family());
  }

  /**
   * The named parameter.
   *
   * @param name a HuggingFace state_dict key without task prefix
   * @return the parameter
   * @throws IllegalArgumentException when the block has no such parameter
   */
  public Parameter parameter(String name) {
    Parameter p = parameters.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "the " + family().modelType() + " encoder has no parameter '" + name + "'");
    }
    return p;
  }

  /**
   * The vector a sequence-level head reads, {@code [batch, hidden]}: the pooler's output where the
   * block has one, otherwise the hidden state of the summary token (the first, {@code [CLS]}; for
   * XLNet the last, {@code <cls>}, which left padding keeps in the last column).
   *
   * @param outputs the outputs of this block's forward pass
   * @return the sentence vectors
   */
  public NDArray sentenceVector(NDList outputs) {
    if (pooler) {
      return outputs.get(1);
    }
    String column = family().padLeft() ? "-1" : "0";
    return outputs.get(0).get(":, " + column + ", :");
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      Parameter p = e.getValue();
      if (!p.isInitialized() && p.getShape() == null) {
        p.setShape(new Shape(specs.get(e.getKey()).shape()));
      }
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape ids = inputShapes[0];
    Shape sequence = new Shape(ids.get(0), ids.get(1), config.hiddenSize());
    return pooler
        ? new Shape[] {sequence, new Shape(ids.get(0), config.hiddenSize())}
        : new Shape[] {sequence};
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    EncoderInputs in = EncoderInputs.of(inputs, inputNames());
    long length = in.inputIds().getShape().get(1);
    if (length > maxSequenceLength()) {
      throw new IllegalArgumentException(
          "a sequence of "
              + length
              + " tokens exceeds the "
              + maxSequenceLength()
              + " positions of this "
              + family().modelType()
              + " encoder");
    }
    Device device = in.inputIds().getDevice();
    Weights weights = name -> parameterStore.getValue(parameter(name), device, training);
    NDArray sequence = encode(weights, in, training);
    sequence.setName(OnnxContract.LAST_HIDDEN_STATE);
    NDList out = new NDList(sequence);
    if (pooler) {
      NDArray pooled = pool(weights, sequence);
      pooled.setName(OnnxContract.POOLER_OUTPUT);
      out.add(pooled);
    }
    return out;
  }

  /**
   * Computes {@code last_hidden_state}.
   *
   * @param weights the parameter values of this pass
   * @param inputs the validated inputs
   * @param training whether dropout is active
   * @return {@code [batch, sequence, hidden]}
   */
  protected abstract NDArray encode(Weights weights, EncoderInputs inputs, boolean training);

  /**
   * @return the longest sequence the position table covers; unbounded for relative positions
   */
  protected int maxSequenceLength() {
    return Integer.MAX_VALUE;
  }

  /**
   * Computes {@code pooler_output} for families with a pooler: tanh of a dense layer over the first
   * token.
   *
   * @param weights the parameter values of this pass
   * @param sequence {@code last_hidden_state}
   * @return {@code [batch, hidden]}
   */
  protected NDArray pool(Weights weights, NDArray sequence) {
    throw new IllegalStateException(family().modelType() + " has no pooler");
  }

  /** Dropout rate on hidden states, as a float. */
  float hiddenDropout() {
    return (float) config.hiddenDropout();
  }

  /** Dropout rate on attention probabilities, as a float. */
  float attentionDropout() {
    return (float) config.attentionDropout();
  }

  /** Layer-norm epsilon, as a float. */
  float epsilon() {
    return (float) config.layerNormEps();
  }

  /**
   * A post-norm transformer layer with this encoder's heads, activation, epsilon and dropouts.
   *
   * @param names the layer's parameter names
   * @param feedForwardDropout dropout after the feed-forward output (ALBERT has none)
   */
  PostNormLayer postNormLayer(PostNormLayerNames names, float feedForwardDropout) {
    return new PostNormLayer(
        names,
        config.numHeads(),
        config.activation(),
        epsilon(),
        hiddenDropout(),
        feedForwardDropout,
        attentionDropout());
  }

  private static Parameter.Type typeOf(ParameterKind kind) {
    return switch (kind) {
      case LINEAR_BIAS -> Parameter.Type.BIAS;
      case NORM_WEIGHT -> Parameter.Type.GAMMA;
      case NORM_BIAS -> Parameter.Type.BETA;
      case EMBEDDING, LINEAR_WEIGHT, OTHER -> Parameter.Type.WEIGHT;
    };
  }
}
