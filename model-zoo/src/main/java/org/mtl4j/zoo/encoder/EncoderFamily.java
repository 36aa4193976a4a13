package org.mtl4j.zoo.encoder;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mtl4j.zoo.ModelFormatException;

/**
 * The encoder families mtl4j supports, keyed by HuggingFace {@code model_type}.
 *
 * <p>A checkpoint of a task model (for example {@code BertForSequenceClassification}) holds the
 * encoder under a prefix ({@link #taskPrefix()}); the spec's names are those of the bare model
 * ({@code BertModel}), without the prefix.
 */
public enum EncoderFamily {
  /** BERT: {@code BertModel}, token types, pooler, exact GELU. */
  BERT("bert", "bert.", "BertModel", true, false, true, List.of("embeddings", "encoder", "pooler")),
  /** DistilBERT: {@code DistilBertModel}, no token types, no pooler. */
  DISTILBERT(
      "distilbert",
      "distilbert.",
      "DistilBertModel",
      false,
      false,
      false,
      List.of("embeddings", "transformer")),
  /** RoBERTa: {@code RobertaModel}, positions derived from the padding index, no token types. */
  ROBERTA(
      "roberta",
      "roberta.",
      "RobertaModel",
      false,
      false,
      true,
      List.of("embeddings", "encoder", "pooler")),
  /** ALBERT: {@code AlbertModel}, factorised embedding, shared layer groups, tanh GELU. */
  ALBERT(
      "albert",
      "albert.",
      "AlbertModel",
      true,
      false,
      true,
      List.of("embeddings", "encoder", "pooler")),
  /** XLNet: {@code XLNetModel}, relative attention, {@code <cls>} last, padded on the left. */
  XLNET(
      "xlnet",
      "transformer.",
      "XLNetModel",
      true,
      true,
      false,
      List.of("word_embedding", "mask_emb", "layer"));

  private final String modelType;
  private final String taskPrefix;
  private final String modelClass;
  private final boolean tokenTypes;
  private final boolean padLeft;
  private final boolean pooler;
  private final List<String> roots;

  EncoderFamily(
      String modelType,
      String taskPrefix,
      String modelClass,
      boolean tokenTypes,
      boolean padLeft,
      boolean pooler,
      List<String> roots) {
    this.modelType = modelType;
    this.taskPrefix = taskPrefix;
    this.modelClass = modelClass;
    this.tokenTypes = tokenTypes;
    this.padLeft = padLeft;
    this.pooler = pooler;
    this.roots = roots;
  }

  /**
   * @return HuggingFace {@code model_type}, e.g. {@code bert}
   */
  public String modelType() {
    return modelType;
  }

  /**
   * @return the prefix under which task models hold the encoder, e.g. {@code bert.}; XLNet's is
   *     {@code transformer.}
   */
  public String taskPrefix() {
    return taskPrefix;
  }

  /**
   * @return the transformers class whose state_dict the spec reproduces, e.g. {@code BertModel}
   */
  public String modelClass() {
    return modelClass;
  }

  /**
   * @return true when the encoder takes {@code token_type_ids} (BERT, ALBERT, XLNet)
   */
  public boolean usesTokenTypeIds() {
    return tokenTypes;
  }

  /**
   * @return true when the family's tokenizer pads on the left (XLNet)
   */
  public boolean padLeft() {
    return padLeft;
  }

  /**
   * @return true when the bare model has a pooler (BERT, RoBERTa, ALBERT)
   */
  public boolean hasPooler() {
    return pooler;
  }

  /**
   * Strips the task prefix from a parameter name when it is there.
   *
   * @param name a state_dict key, with or without {@link #taskPrefix()}
   * @return the name without the prefix
   */
  public String stripPrefix(String name) {
    return name.startsWith(taskPrefix) ? name.substring(taskPrefix.length()) : name;
  }

  /**
   * Whether a (prefix-stripped) state_dict key lies inside the encoder's own modules, as opposed to
   * a task head such as {@code classifier.weight} or {@code cls.predictions.bias}.
   *
   * @param name a state_dict key
   * @return true when the key belongs to the encoder
   */
  public boolean ownsName(String name) {
    if (name.startsWith(taskPrefix)) {
      return true;
    }
    int dot = name.indexOf('.');
    String root = dot < 0 ? name : name.substring(0, dot);
    return roots.contains(root);
  }

  /**
   * @param modelType a HuggingFace {@code model_type}
   * @return the family, if supported
   */
  public static Optional<EncoderFamily> find(String modelType) {
    return Arrays.stream(values()).filter(f -> f.modelType.equals(modelType)).findFirst();
  }

  /**
   * @param modelType a HuggingFace {@code model_type}
   * @return the family
   * @throws ModelFormatException naming the supported types when it is not supported
   */
  public static EncoderFamily fromModelType(String modelType) {
    return find(modelType)
        .orElseThrow(
            () ->
                new ModelFormatException(
                    "unknown model_type '" + modelType + "'; supported: " + supported()));
  }

  /**
   * @return the supported model types, comma separated
   */
  public static String supported() {
    return Arrays.stream(values()).map(EncoderFamily::modelType).collect(Collectors.joining(", "));
  }
}
