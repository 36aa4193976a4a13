package org.mtl4j.zoo.encoder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.io.AtomicFiles;

/**
 * Reads and writes HuggingFace {@code config.json}. Reading selects the family by {@code
 * model_type} and fills absent keys with the defaults of the family's transformers config class;
 * keys that do not change the encoder's computation (labels, task settings, tokenizer hints) are
 * ignored. Writing emits {@code model_type}, {@code architectures} and every key of the record.
 */
public final class HfConfigJson {

  /** The file name of a HuggingFace config inside a checkpoint folder. */
  public static final String FILE_NAME = "config.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HfConfigJson() {}

  /**
   * @param file a config.json
   * @return the encoder config it describes
   * @throws ModelFormatException naming the file when it is missing, not JSON, of an unknown {@code
   *     model_type} or holds an invalid value
   */
  public static EncoderConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("config file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return fromJson(text, file.toString());
  }

  /**
   * @param json config.json text
   * @param source where it came from, for messages
   * @return the encoder config
   */
  public static EncoderConfig fromJson(String json, String source) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromJson(node, source);
  }

  /**
   * @param node a parsed config.json object
   * @param source where it came from, for messages
   * @return the encoder config
   */
  public static EncoderConfig fromJson(JsonNode node, String source) {
    if (node == null || !node.isObject()) {
      throw new ModelFormatException(source + ": a config must be a JSON object");
    }
    ConfigReader r = new ConfigReader(node, source);
    if (!r.has("model_type")) {
      throw new ModelFormatException(
          source + ": no model_type; expected one of " + EncoderFamily.supported());
    }
    String modelType = r.stringOr("model_type", "");
    EncoderFamily family =
        EncoderFamily.find(modelType)
            .orElseThrow(
                () ->
                    new ModelFormatException(
                        source
                            + ": unknown model_type '"
                            + modelType
                            + "'; supported: "
                            + EncoderFamily.supported()));
    try {
      return switch (family) {
        case BERT, ROBERTA -> bert(family, r);
        case DISTILBERT -> distilBert(r);
        case ALBERT -> albert(r);
        case XLNET -> xlnet(r);
      };
    } catch (ModelFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param config an encoder config
   * @return its config.json object
   */
  public static ObjectNode toJson(EncoderConfig config) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("model_type", config.family().modelType());
    o.putArray("architectures").add(config.family().modelClass());
    if (config instanceof BertConfig c) {
      writeBert(c, c.maxPositions(), c.typeVocabSize(), o);
    } else if (config instanceof DistilBertConfig c) {
      writeDistilBert(c, o);
    } else if (config instanceof AlbertConfig c) {
      writeAlbert(c, o);
    } else if (config instanceof XLNetConfig c) {
      writeXlnet(c, o);
    }
    return o;
  }

  /**
   * @param config an encoder config
   * @return its config.json text, indented
   */
  public static String toJsonText(EncoderConfig config) {
    try {
      return MAPPER.writeValueAsString(toJson(config)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise config", e);
    }
  }

  /**
   * Writes a config.json atomically.
   *
   * @param config an encoder config
   * @param file the target file
   */
  public static void write(EncoderConfig config, Path file) {
    AtomicFiles.writeString(file, toJsonText(config));
  }

  private static BertConfig bert(EncoderFamily family, ConfigReader r) {
    r.require("position_embedding_type", "absolute", "absolute");
    boolean roberta = family == EncoderFamily.ROBERTA;
    return new BertConfig(
        family,
        r.intOr("vocab_size", roberta ? 50265 : 30522),
        r.intOr("hidden_size", 768),
        r.intOr("num_hidden_layers", 12),
        r.intOr("num_attention_heads", 12),
        r.intOr("intermediate_size", 3072),
        r.activation("hidden_act", Activation.GELU),
        r.intOr("max_position_embeddings", 512),
        r.intOr("type_vocab_size", 2),
        r.doubleOr("layer_norm_eps", 1e-12),
        r.intOr("pad_token_id", roberta ? 1 : 0),
        r.doubleOr("hidden_dropout_prob", 0.1),
        r.doubleOr("attention_probs_dropout_prob", 0.1),
        r.doubleOr("initializer_range", 0.02));
  }

  /** Writes the keys of BERT and RoBERTa, which ALBERT shares under the same names. */
  private static void writeBert(
      EncoderConfig c, int maxPositions, int typeVocabSize, ObjectNode o) {
    o.put("vocab_size", c.vocabSize());
    o.put("hidden_size", c.hiddenSize());
    o.put("num_hidden_layers", c.numLayers());
    o.put("num_attention_heads", c.numHeads());
    o.put("intermediate_size", c.intermediateSize());
    o.put("hidden_act", c.activation().hfName());
    o.put("max_position_embeddings", maxPositions);
    o.put("type_vocab_size", typeVocabSize);
    o.put("layer_norm_eps", c.layerNormEps());
    o.put("pad_token_id", c.padTokenId());
    o.put("hidden_dropout_prob", c.hiddenDropout());
    o.put("attention_probs_dropout_prob", c.attentionDropout());
    o.put("initializer_range", c.initializerRange());
    o.put("position_embedding_type", "absolute");
  }

  private static DistilBertConfig distilBert(ConfigReader r) {
    int dim = r.intOr("dim", 768);
    return new DistilBertConfig(
        r.intOr("vocab_size", 30522),
        dim,
        r.intOr("n_layers", 6),
        r.intOr("n_heads", 12),
        r.intOr("hidden_dim", 4 * dim),
        r.activation("activation", Activation.GELU),
        r.intOr("max_position_embeddings", 512),
        r.boolOr("sinusoidal_pos_embds", false),
        r.intOr("pad_token_id", 0),
        r.doubleOr("dropout", 0.1),
        r.doubleOr("attention_dropout", 0.1),
        r.doubleOr("initializer_range", 0.02));
  }

  private static void writeDistilBert(DistilBertConfig c, ObjectNode o) {
    o.put("vocab_size", c.vocabSize());
    o.put("dim", c.hiddenSize());
    o.put("n_layers", c.numLayers());
    o.put("n_heads", c.numHeads());
    o.put("hidden_dim", c.intermediateSize());
    o.put("activation", c.activation().hfName());
    o.put("max_position_embeddings", c.maxPositions());
    o.put("sinusoidal_pos_embds", c.sinusoidalPositions());
    o.put("pad_token_id", c.padTokenId());
    o.put("dropout", c.hiddenDropout());
    o.put("attention_dropout", c.attentionDropout());
    o.put("initializer_range", c.initializerRange());
  }

  private static AlbertConfig albert(ConfigReader r) {
    r.require("position_embedding_type", "absolute", "absolute");
    return new AlbertConfig(
        r.intOr("vocab_size", 30000),
        r.intOr("embedding_size", 128),
        r.intOr("hidden_size", 4096),
        r.intOr("num_hidden_layers", 12),
        r.intOr("num_hidden_groups", 1),
        r.intOr("inner_group_num", 1),
        r.intOr("num_attention_heads", 64),
        r.intOr("intermediate_size", 16384),
        r.activation("hidden_act", Activation.GELU_TANH),
        r.intOr("max_position_embeddings", 512),
        r.intOr("type_vocab_size", 2),
        r.doubleOr("layer_norm_eps", 1e-12),
        r.intOr("pad_token_id", 0),
        r.doubleOr("hidden_dropout_prob", 0.0),
        r.doubleOr("attention_probs_dropout_prob", 0.0),
        r.doubleOr("initializer_range", 0.02));
  }

  private static void writeAlbert(AlbertConfig c, ObjectNode o) {
    writeBert(c, c.maxPositions(), c.typeVocabSize(), o);
    o.put("embedding_size", c.embeddingSize());
    o.put("num_hidden_groups", c.numHiddenGroups());
    o.put("inner_group_num", c.innerGroupNum());
  }

  private static XLNetConfig xlnet(ConfigReader r) {
    r.require("attn_type", "bi", "bi");
    int dModel = r.intOr("d_model", 1024);
    int nHead = r.intOr("n_head", 16);
    if (r.has("d_head") && nHead > 0) {
      int dHead = r.intOr("d_head", 0);
      if (dHead != dModel / nHead) {
        throw new ModelFormatException(
            r.source()
                + ": d_head "
                + dHead
                + " is not d_model / n_head = "
                + dModel
                + " / "
                + nHead);
      }
    }
    return new XLNetConfig(
        r.intOr("vocab_size", 32000),
        dModel,
        r.intOr("n_layer", 24),
        nHead,
        r.intOr("d_inner", 4096),
        r.activation("ff_activation", Activation.GELU),
        r.boolOr("untie_r", true),
        r.boolOr("bi_data", false),
        r.intOr("clamp_len", -1),
        r.boolOr("same_length", false),
        r.nullableInt("mem_len", 512),
        r.nullableInt("reuse_len", null),
        r.doubleOr("layer_norm_eps", 1e-12),
        r.intOr("pad_token_id", 5),
        r.doubleOr("dropout", 0.1),
        r.doubleOr("initializer_range", 0.02));
  }

  private static void writeXlnet(XLNetConfig c, ObjectNode o) {
    o.put("vocab_size", c.vocabSize());
    o.put("d_model", c.hiddenSize());
    o.put("n_layer", c.numLayers());
    o.put("n_head", c.numHeads());
    o.put("d_head", c.headSize());
    o.put("d_inner", c.intermediateSize());
    o.put("ff_activation", c.activation().hfName());
    o.put("untie_r", c.untieR());
    o.put("attn_type", "bi");
    o.put("bi_data", c.biData());
    o.put("clamp_len", c.clampLen());
    o.put("same_length", c.sameLength());
    o.put("mem_len", c.memLen());
    o.put("reuse_len", c.reuseLen());
    o.put("layer_norm_eps", c.layerNormEps());
    o.put("pad_token_id", c.padTokenId());
    o.put("dropout", c.hiddenDropout());
    o.put("initializer_range", c.initializerRange());
  }
}
