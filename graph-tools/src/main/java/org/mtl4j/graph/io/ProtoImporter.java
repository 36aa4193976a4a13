package org.mtl4j.graph.io;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.Dim;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.TensorData;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.proto.Onnx;

/**
 * Converts protobuf messages into the IR. Raw tensor bytes are not copied: they stay views of the
 * parsed buffer, and external data becomes lazily mapped file regions.
 */
final class ProtoImporter {

  private final Path baseDir;

  /**
   * @param baseDir the folder external-data locations are relative to; null when the model came
   *     from a stream, in which case external data is an error
   */
  ProtoImporter(Path baseDir) {
    this.baseDir = baseDir;
  }

  Model importModel(Onnx.ModelProto proto) throws IOException {
    if (proto.getIrVersion() <= 0) {
      throw new OnnxFormatException("not an ONNX model: ir_version is missing");
    }
    if (!proto.hasGraph()) {
      throw new OnnxFormatException("not an ONNX model: it has no graph");
    }
    Model model = new Model(importGraph(proto.getGraph()));
    model.setIrVersion(proto.getIrVersion());
    for (Onnx.OperatorSetIdProto opset : proto.getOpsetImportList()) {
      model.importOpset(opset.getDomain(), opset.getVersion());
    }
    model.setProducer(proto.getProducerName(), proto.getProducerVersion());
    model.setDomain(proto.getDomain());
    model.setModelVersion(proto.getModelVersion());
    model.setDocString(proto.getDocString());
    putAll(model.metadata(), proto.getMetadataPropsList());
    model.setPreservedFields(proto.getUnknownFields().toByteArray());
    return model;
  }

  private Graph importGraph(Onnx.GraphProto proto) throws IOException {
    Graph graph = new Graph(proto.getName());
    graph.setDocString(proto.getDocString());
    for (Onnx.ValueInfoProto v : proto.getInputList()) {
      graph.inputs().add(importValue(v));
    }
    for (Onnx.ValueInfoProto v : proto.getOutputList()) {
      graph.outputs().add(importValue(v));
    }
    for (Onnx.ValueInfoProto v : proto.getValueInfoList()) {
      graph.valueInfo().add(importValue(v));
    }
    for (Onnx.TensorProto t : proto.getInitializerList()) {
      Tensor tensor = importTensor(t);
      if (tensor.name().isEmpty()) {
        throw new OnnxFormatException("graph '" + proto.getName() + "' has an unnamed initializer");
      }
      if (graph.initializers().putIfAbsent(tensor.name(), tensor) != null) {
        throw new OnnxFormatException(
            "graph '" + proto.getName() + "' has two initializers named '" + tensor.name() + "'");
      }
    }
    for (Onnx.NodeProto n : proto.getNodeList()) {
      graph.nodes().add(importNode(n));
    }
    putAll(graph.metadata(), proto.getMetadataPropsList());
    graph.setPreservedFields(proto.getUnknownFields().toByteArray());
    return graph;
  }

  private static void putAll(Map<String, String> target, List<Onnx.StringStringEntryProto> list) {
    for (Onnx.StringStringEntryProto e : list) {
      target.put(e.getKey(), e.getValue());
    }
  }

  private static Value importValue(Onnx.ValueInfoProto proto) {
    if (!proto.hasType()) {
      return Value.untyped(proto.getName());
    }
    Onnx.TypeProto type = proto.getType();
    if (!type.hasTensorType()) {
      throw new OnnxFormatException(
          "value '"
              + proto.getName()
              + "' is not a tensor (a sequence, map or optional); mtl4j handles tensors only");
    }
    Onnx.TypeProto.Tensor tensorType = type.getTensorType();
    ElemType elemType = elemType(tensorType.getElemType(), "value '" + proto.getName() + "'");
    if (!tensorType.hasShape()) {
      return new Value(proto.getName(), elemType, null);
    }
    List<Dim> dims = new ArrayList<>();
    for (Onnx.TensorShapeProto.Dimension d : tensorType.getShape().getDimList()) {
      if (d.hasDimValue()) {
        dims.add(Dim.fixed(d.getDimValue()));
      } else if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
        dims.add(Dim.named(d.getDimParam()));
      } else {
        dims.add(Dim.unknown());
      }
    }
    return new Value(proto.getName(), elemType, new Shape(dims));
  }

  private Node importNode(Onnx.NodeProto proto) throws IOException {
    List<Attribute> attributes = new ArrayList<>(proto.getAttributeCount());
    for (Onnx.AttributeProto a : proto.getAttributeList()) {
      attributes.add(importAttribute(a, proto));
    }
    return new Node(
        proto.getName(),
        OnnxDefaults.normalizeDomain(proto.getDomain()),
        proto.getOpType(),
        proto.getInputList(),
        proto.getOutputList(),
        attributes,
        proto.getDocString());
  }

  private Attribute importAttribute(Onnx.AttributeProto a, Onnx.NodeProto node) throws IOException {
    String name = a.getName();
    switch (a.getType()) {
      case FLOAT:
        return new Attribute.FloatAttr(name, a.getF());
      case INT:
        return new Attribute.IntAttr(name, a.getI());
      case STRING:
        return new Attribute.StringAttr(name, a.getS().toStringUtf8());
      case TENSOR:
        return new Attribute.TensorAttr(name, importTensor(a.getT()));
      case GRAPH:
        return new Attribute.GraphAttr(name, importGraph(a.getG()));
      case FLOATS:
        float[] floats = new float[a.getFloatsCount()];
        for (int i = 0; i < floats.length; i++) {
          floats[i] = a.getFloats(i);
        }
        return new Attribute.FloatsAttr(name, floats);
      case INTS:
        return new Attribute.IntsAttr(
            name, a.getIntsList().stream().mapToLong(Long::longValue).toArray());
      case STRINGS:
        return new Attribute.StringsAttr(
            name, a.getStringsList().stream().map(ByteString::toStringUtf8).toList());
      case TENSORS:
        List<Tensor> tensors = new ArrayList<>();
        for (Onnx.TensorProto t : a.getTensorsList()) {
          tensors.add(importTensor(t));
        }
        return new Attribute.TensorsAttr(name, tensors);
      case GRAPHS:
        List<Graph> graphs = new ArrayList<>();
        for (Onnx.GraphProto g : a.getGraphsList()) {
          graphs.add(importGraph(g));
        }
        return new Attribute.GraphsAttr(name, graphs);
      default:
        throw new OnnxFormatException(
            String.format(
                "node '%s' (%s): attribute '%s' has type %s, which mtl4j does not handle",
                node.getName(), node.getOpType(), name, a.getType()));
    }
  }

  private Tensor importTensor(Onnx.TensorProto proto) throws IOException {
    String what = "tensor '" + proto.getName() + "'";
    ElemType type = elemType(proto.getDataType(), what);
    long[] dims = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
    try {
      if (type == ElemType.STRING) {
        return Tensor.strings(
            proto.getName(),
            dims,
            proto.getStringDataList().stream().map(ByteString::toByteArray).toList());
      }
      if (type == ElemType.UNDEFINED) {
        throw new OnnxFormatException(what + " has no data_type");
      }
      TensorData data;
      if (proto.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL) {
        data = externalData(proto, type, dims, what);
      } else if (!proto.getRawData().isEmpty()) {
        data = TensorData.of(proto.getRawData().asReadOnlyByteBuffer());
      } else {
        data = TensorData.of(TypedFields.toRaw(proto, type, what));
      }
      return Tensor.of(proto.getName(), type, dims, data);
    } catch (OnnxFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new OnnxFormatException(e.getMessage(), e);
    }
  }

  private TensorData externalData(Onnx.TensorProto proto, ElemType type, long[] dims, String what)
      throws IOException {
    String location = null;
    long offset = 0;
    long length = -1;
    for (Onnx.StringStringEntryProto e : proto.getExternalDataList()) {
      switch (e.getKey()) {
        case "location" -> location = e.getValue();
        case "offset" -> offset = parseLong(e.getValue(), "offset", what);
        case "length" -> length = parseLong(e.getValue(), "length", what);
        default -> {} // checksum and unknown keys carry no data
      }
    }
    ExternalLocations.requireSafe(location, what);
    if (baseDir == null) {
      throw new OnnxFormatException(
          what
              + " keeps its data in external file '"
              + location
              + "', but the model was read from a stream without a folder; read it from its"
              + " file instead");
    }
    Path file = ExternalLocations.resolveExisting(baseDir, location, what);
    long count = 1;
    for (long d : dims) {
      count = Math.multiplyExact(count, d);
    }
    long needed = type.byteSize(count);
    if (length < 0) {
      length = needed;
    }
    long fileSize = Files.size(file);
    if (offset + length > fileSize) {
      throw new OnnxFormatException(
          String.format(
              "%s: external-data file '%s' has %d bytes, but the tensor needs bytes %d to %d",
              what, location, fileSize, offset, offset + length));
    }
    return TensorData.fileRegion(file, offset, length);
  }

  private static ElemType elemType(int code, String what) {
    try {
      return ElemType.fromCode(code);
    } catch (OnnxFormatException e) {
      throw new OnnxFormatException(what + ": " + e.getMessage(), e);
    }
  }

  private static long parseLong(String text, String key, String what) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new OnnxFormatException(
          what + ": external-data " + key + " '" + text + "' is not a number");
    }
  }

  /** Converts the typed repeated fields of a TensorProto into raw little-endian bytes. */
  private static final class TypedFields {

    private TypedFields() {}

    static ByteBuffer toRaw(Onnx.TensorProto proto, ElemType type, String what) {
      int width = type.bits() / 8;
      switch (type) {
        case FLOAT, COMPLEX64 -> {
          ByteBuffer b = allocate(proto.getFloatDataCount() * 4L);
          proto.getFloatDataList().forEach(b::putFloat);
          return b.flip();
        }
        case DOUBLE, COMPLEX128 -> {
          ByteBuffer b = allocate(proto.getDoubleDataCount() * 8L);
          proto.getDoubleDataList().forEach(b::putDouble);
          return b.flip();
        }
        case INT64 -> {
          ByteBuffer b = allocate(proto.getInt64DataCount() * 8L);
          proto.getInt64DataList().forEach(b::putLong);
          return b.flip();
        }
        case UINT32, UINT64 -> {
          ByteBuffer b = allocate(proto.getUint64DataCount() * (long) width);
          proto.getUint64DataList().forEach(v -> put(b, width, v));
          return b.flip();
        }
        case INT32,
            INT16,
            INT8,
            UINT16,
            UINT8,
            BOOL,
            FLOAT16,
            BFLOAT16,
            FLOAT8E4M3FN,
            FLOAT8E4M3FNUZ,
            FLOAT8E5M2,
            FLOAT8E5M2FNUZ -> {
          ByteBuffer b = allocate(proto.getInt32DataCount() * (long) width);
          proto.getInt32DataList().forEach(v -> put(b, width, v));
          return b.flip();
        }
        default ->
            throw new OnnxFormatException(
                what
                    + ": "
                    + type
                    + " data in typed fields is not supported; store it as raw_data");
      }
    }

    /** Writes the low {@code width} bytes of a value (ONNX widens narrow types in typed fields). */
    private static void put(ByteBuffer b, int width, long v) {
      switch (width) {
        case 1 -> b.put((byte) v);
        case 2 -> b.putShort((short) v);
        case 4 -> b.putInt((int) v);
        default -> b.putLong(v);
      }
    }

    private static ByteBuffer allocate(long size) {
      return ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    }
  }
}
