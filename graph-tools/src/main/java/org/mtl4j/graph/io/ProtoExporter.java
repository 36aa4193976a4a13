package org.mtl4j.graph.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.Dim;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.proto.Onnx;

/**
 * Converts the IR into protobuf messages. Raw tensor bytes are wrapped, not copied; the
 * initializers of the main graph may instead be handed to an {@link ExternalDataSink}.
 */
final class ProtoExporter {

  /** Decides where an initializer's bytes go and writes them when they go to a file. */
  interface ExternalDataSink {

    /**
     * @param tensor a fixed-width initializer of the main graph
     * @return its external-data entries, or null to keep it inline
     * @throws IOException when the data file cannot be written
     */
    List<Onnx.StringStringEntryProto> place(Tensor tensor) throws IOException;
  }

  private final ExternalDataSink sink;

  /**
   * @param sink where main-graph initializers go; null keeps everything inline
   */
  ProtoExporter(ExternalDataSink sink) {
    this.sink = sink;
  }

  Onnx.ModelProto exportModel(Model model) throws IOException {
    Onnx.ModelProto.Builder b = Onnx.ModelProto.newBuilder();
    mergePreserved(b, model.preservedFields(), "model");
    b.setIrVersion(model.irVersion())
        .setProducerName(model.producerName())
        .setProducerVersion(model.producerVersion())
        .setDomain(model.domain())
        .setModelVersion(model.modelVersion())
        .setDocString(model.docString())
        .setGraph(exportGraph(model.graph(), sink));
    for (Map.Entry<String, Long> opset : model.opsets().entrySet()) {
      b.addOpsetImport(
          Onnx.OperatorSetIdProto.newBuilder()
              .setDomain(opset.getKey())
              .setVersion(opset.getValue()));
    }
    b.addAllMetadataProps(entries(model.metadata()));
    return b.build();
  }

  private static void mergePreserved(
      com.google.protobuf.Message.Builder builder, byte[] preserved, String what) {
    if (preserved.length == 0) {
      return;
    }
    try {
      builder.mergeFrom(preserved);
    } catch (InvalidProtocolBufferException e) {
      throw new OnnxFormatException("the " + what + "'s preserved fields are corrupt", e);
    }
  }

  private Onnx.GraphProto exportGraph(Graph graph, ExternalDataSink initializerSink)
      throws IOException {
    Onnx.GraphProto.Builder b = Onnx.GraphProto.newBuilder();
    mergePreserved(b, graph.preservedFields(), "graph '" + graph.name() + "'");
    b.setName(graph.name()).setDocString(graph.docString());
    for (Node n : graph.nodes()) {
      b.addNode(exportNode(n));
    }
    for (Tensor t : graph.initializers().values()) {
      List<Onnx.StringStringEntryProto> external =
          initializerSink == null || t.isString() ? null : initializerSink.place(t);
      b.addInitializer(external == null ? exportTensor(t) : externalTensor(t, external));
    }
    graph.inputs().forEach(v -> b.addInput(exportValue(v)));
    graph.outputs().forEach(v -> b.addOutput(exportValue(v)));
    graph.valueInfo().forEach(v -> b.addValueInfo(exportValue(v)));
    b.addAllMetadataProps(entries(graph.metadata()));
    return b.build();
  }

  private static List<Onnx.StringStringEntryProto> entries(Map<String, String> map) {
    return map.entrySet().stream()
        .map(
            e ->
                Onnx.StringStringEntryProto.newBuilder()
                    .setKey(e.getKey())
                    .setValue(e.getValue())
                    .build())
        .toList();
  }

  private static Onnx.ValueInfoProto exportValue(Value v) {
    Onnx.ValueInfoProto.Builder b = Onnx.ValueInfoProto.newBuilder().setName(v.name());
    if (v.elemType() == ElemType.UNDEFINED && v.shape() == null) {
      return b.build();
    }
    Onnx.TypeProto.Tensor.Builder t =
        Onnx.TypeProto.Tensor.newBuilder().setElemType(v.elemType().code());
    if (v.shape() != null) {
      Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
      for (Dim d : v.shape().dims()) {
        Onnx.TensorShapeProto.Dimension.Builder db = Onnx.TensorShapeProto.Dimension.newBuilder();
        if (d.isFixed()) {
          db.setDimValue(d.value());
        } else if (d.isNamed()) {
          db.setDimParam(d.param());
        }
        shape.addDim(db);
      }
      t.setShape(shape);
    }
    return b.setType(Onnx.TypeProto.newBuilder().setTensorType(t)).build();
  }

  private Onnx.NodeProto exportNode(Node n) throws IOException {
    Onnx.NodeProto.Builder b =
        Onnx.NodeProto.newBuilder()
            .setName(n.name())
            .setOpType(n.opType())
            .setDomain(n.domain())
            .addAllInput(n.inputs())
            .addAllOutput(n.outputs())
            .setDocString(n.docString());
    for (Attribute a : n.attributes()) {
      b.addAttribute(exportAttribute(a));
    }
    return b.build();
  }

  private Onnx.AttributeProto exportAttribute(Attribute attribute) throws IOException {
    Onnx.AttributeProto.Builder b = Onnx.AttributeProto.newBuilder().setName(attribute.name());
    if (attribute instanceof Attribute.FloatAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(a.value());
    } else if (attribute instanceof Attribute.IntAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.INT).setI(a.value());
    } else if (attribute instanceof Attribute.StringAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.STRING).setS(utf8(a.value()));
    } else if (attribute instanceof Attribute.TensorAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.TENSOR).setT(exportTensor(a.value()));
    } else if (attribute instanceof Attribute.GraphAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.GRAPH).setG(exportGraph(a.value(), null));
    } else if (attribute instanceof Attribute.FloatsAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.FLOATS);
      for (float f : a.values()) {
        b.addFloats(f);
      }
    } else if (attribute instanceof Attribute.IntsAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.INTS);
      for (long i : a.values()) {
        b.addInts(i);
      }
    } else if (attribute instanceof Attribute.StringsAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.STRINGS);
      a.values().forEach(s -> b.addStrings(utf8(s)));
    } else if (attribute instanceof Attribute.TensorsAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.TENSORS);
      a.values().forEach(t -> b.addTensors(exportTensor(t)));
    } else if (attribute instanceof Attribute.GraphsAttr a) {
      b.setType(Onnx.AttributeProto.AttributeType.GRAPHS);
      for (Graph g : a.values()) {
        b.addGraphs(exportGraph(g, null));
      }
    }
    return b.build();
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  private static Onnx.TensorProto.Builder tensorHeader(Tensor t) {
    Onnx.TensorProto.Builder b =
        Onnx.TensorProto.newBuilder().setName(t.name()).setDataType(t.elemType().code());
    for (long d : t.dims()) {
      b.addDims(d);
    }
    return b;
  }

  private static Onnx.TensorProto exportTensor(Tensor t) {
    Onnx.TensorProto.Builder b = tensorHeader(t);
    if (t.isString()) {
      t.stringValues().forEach(s -> b.addStringData(ByteString.copyFrom(s)));
    } else {
      b.setRawData(UnsafeByteOperations.unsafeWrap(t.bytes()));
    }
    return b.build();
  }

  private static Onnx.TensorProto externalTensor(
      Tensor t, List<Onnx.StringStringEntryProto> external) {
    return tensorHeader(t)
        .setDataLocation(Onnx.TensorProto.DataLocation.EXTERNAL)
        .addAllExternalData(external)
        .build();
  }
}
