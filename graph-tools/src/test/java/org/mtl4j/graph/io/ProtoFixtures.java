package org.mtl4j.graph.io;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mtl4j.graph.proto.Onnx;

/**
 * Hand-made ModelProtos for tests that need files our writer would never produce: one float
 * initializer {@code w} of shape [2, 2] added to input {@code x}.
 */
final class ProtoFixtures {

  static final float[] W = {1f, 2f, 3f, 4f};

  private ProtoFixtures() {}

  static Onnx.ModelProto.Builder addModel(Onnx.TensorProto w) {
    Onnx.TypeProto type =
        Onnx.TypeProto.newBuilder()
            .setTensorType(
                Onnx.TypeProto.Tensor.newBuilder()
                    .setElemType(1)
                    .setShape(
                        Onnx.TensorShapeProto.newBuilder()
                            .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(2))
                            .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(2))))
            .build();
    Onnx.GraphProto graph =
        Onnx.GraphProto.newBuilder()
            .setName("add")
            .addInput(Onnx.ValueInfoProto.newBuilder().setName("x").setType(type))
            .addOutput(Onnx.ValueInfoProto.newBuilder().setName("y").setType(type))
            .addInitializer(w)
            .addNode(
                Onnx.NodeProto.newBuilder()
                    .setName("add")
                    .setOpType("Add")
                    .addInput("x")
                    .addInput("w")
                    .addOutput("y"))
            .build();
    return Onnx.ModelProto.newBuilder()
        .setIrVersion(10)
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(graph);
  }

  static Onnx.TensorProto.Builder weightHeader() {
    return Onnx.TensorProto.newBuilder().setName("w").setDataType(1).addDims(2).addDims(2);
  }

  static Onnx.TensorProto externalWeight(String location) {
    return weightHeader()
        .setDataLocation(Onnx.TensorProto.DataLocation.EXTERNAL)
        .addExternalData(entry("location", location))
        .addExternalData(entry("offset", "0"))
        .addExternalData(entry("length", "16"))
        .build();
  }

  static Onnx.TensorProto rawWeight() {
    return weightHeader().setRawData(ByteString.copyFrom(weightBytes())).build();
  }

  static ByteBuffer weightBytes() {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(W);
    return b;
  }

  static Onnx.StringStringEntryProto entry(String key, String value) {
    return Onnx.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  static Path write(Onnx.ModelProto.Builder model, Path file) throws IOException {
    Files.write(file, model.build().toByteArray());
    return file;
  }
}
