package org.mtl4j.graph.ir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX model: IR version, imported operator sets, producer, metadata and the main graph.
 *
 * <p>Mutable: {@link #opsets()} and {@link #metadata()} are live maps. {@code metadata_props} is
 * where mtl4j stores a model package's manifest and tokenizer. Not thread-safe.
 */
public final class Model {

  private long irVersion = OnnxDefaults.IR_VERSION;
  private final Map<String, Long> opsets = new LinkedHashMap<>();
  private String producerName = "";
  private String producerVersion = "";
  private String domain = "";
  private long modelVersion;
  private String docString = "";
  private Graph graph;
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private byte[] preservedFields = new byte[0];

  /**
   * Makes a model of IR version {@link OnnxDefaults#IR_VERSION} with no opsets imported yet.
   *
   * @param graph the main graph
   */
  public Model(Graph graph) {
    this.graph = Objects.requireNonNull(graph, "graph");
  }

  /**
   * @return the IR version
   */
  public long irVersion() {
    return irVersion;
  }

  /**
   * @param version the IR version
   * @return this model
   */
  public Model setIrVersion(long version) {
    this.irVersion = version;
    return this;
  }

  /**
   * @return imported operator sets, domain ({@code ""} for ai.onnx) to version (live map)
   */
  public Map<String, Long> opsets() {
    return opsets;
  }

  /**
   * @param opsetDomain a domain ({@code ai.onnx} is stored as {@code ""})
   * @param version its version
   * @return this model
   */
  public Model importOpset(String opsetDomain, long version) {
    opsets.put(OnnxDefaults.normalizeDomain(opsetDomain), version);
    return this;
  }

  /**
   * @return the producing tool's name; empty when none
   */
  public String producerName() {
    return producerName;
  }

  /**
   * @return the producing tool's version; empty when none
   */
  public String producerVersion() {
    return producerVersion;
  }

  /**
   * @param name the producing tool's name
   * @param version its version
   * @return this model
   */
  public Model setProducer(String name, String version) {
    this.producerName = name == null ? "" : name;
    this.producerVersion = version == null ? "" : version;
    return this;
  }

  /**
   * @return the model's domain (a reverse domain name); empty when none
   */
  public String domain() {
    return domain;
  }

  /**
   * @param modelDomain the model's domain
   * @return this model
   */
  public Model setDomain(String modelDomain) {
    this.domain = modelDomain == null ? "" : modelDomain;
    return this;
  }

  /**
   * @return the model's version number
   */
  public long modelVersion() {
    return modelVersion;
  }

  /**
   * @param version the model's version number
   * @return this model
   */
  public Model setModelVersion(long version) {
    this.modelVersion = version;
    return this;
  }

  /**
   * @return documentation; empty when none
   */
  public String docString() {
    return docString;
  }

  /**
   * @param text documentation
   * @return this model
   */
  public Model setDocString(String text) {
    this.docString = text == null ? "" : text;
    return this;
  }

  /**
   * @return the main graph
   */
  public Graph graph() {
    return graph;
  }

  /**
   * @param newGraph the new main graph
   * @return this model
   */
  public Model setGraph(Graph newGraph) {
    this.graph = Objects.requireNonNull(newGraph, "graph");
    return this;
  }

  /**
   * @return {@code metadata_props}, key to value in file order (live map)
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Fields of the file's model that the IR does not model (model-local functions, training
   * information), kept as serialized protobuf so that a read and write preserves them.
   *
   * @return the serialized fields; empty when none
   */
  public byte[] preservedFields() {
    return preservedFields.clone();
  }

  /**
   * @param serialized serialized protobuf fields of a ModelProto that the IR does not model
   * @return this model
   */
  public Model setPreservedFields(byte[] serialized) {
    this.preservedFields = serialized.clone();
    return this;
  }

  @Override
  public String toString() {
    return "model (IR " + irVersion + ", opsets " + opsets + ", " + graph + ")";
  }
}
