package org.mtl4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.TensorData;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.proto.Onnx;

/** Reading and writing: streams, external data, atomic writes, fields the IR does not model. */
class OnnxIoTest {

  @TempDir Path dir;

  @Test
  void streamRoundTripKeepsEverythingTheIrModels() throws Exception {
    Model model = richModel();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OnnxWriter.write(model, out);
    Model back = OnnxReader.read(new ByteArrayInputStream(out.toByteArray()));

    assertThat(back.irVersion()).isEqualTo(10);
    assertThat(back.opsets())
        .containsExactly(java.util.Map.entry("", 17L), java.util.Map.entry("com.microsoft", 1L));
    assertThat(back.producerName()).isEqualTo("mtl4j");
    assertThat(back.producerVersion()).isEqualTo("test");
    assertThat(back.metadata())
        .containsExactly(
            java.util.Map.entry("mtl.manifest", "{\"tasks\":[]}"),
            java.util.Map.entry("tokenizer", "{}"));
    assertThat(back.graph().inputs()).isEqualTo(model.graph().inputs());
    assertThat(back.graph().outputs()).isEqualTo(model.graph().outputs());
    assertThat(back.graph().nodes()).isEqualTo(model.graph().nodes());
    assertThat(back.graph().initializers()).isEqualTo(model.graph().initializers());
    assertThat(back.graph().inputs().get(0).shape().dims().get(1).isFixed()).isFalse();
    assertThat(OnnxWriter.toBytes(back)).isEqualTo(out.toByteArray());
  }

  @Test
  void fieldsTheIrDoesNotModelSurviveAReadAndWrite() throws Exception {
    UnknownFieldSet functions =
        UnknownFieldSet.newBuilder()
            .addField(
                25,
                UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(
                        com.google.protobuf.ByteString.copyFromUtf8("function body"))
                    .build())
            .build();
    Onnx.ModelProto proto =
        ProtoFixtures.addModel(ProtoFixtures.rawWeight()).setUnknownFields(functions).build();
    Path file = Files.write(dir.resolve("m.onnx"), proto.toByteArray());

    Model model = OnnxReader.read(file);
    Onnx.ModelProto written = Onnx.ModelProto.parseFrom(OnnxWriter.toBytes(model));

    assertThat(written.getUnknownFields()).isEqualTo(functions);
  }

  @Test
  void typedDataFieldsBecomeRawBytes() throws Exception {
    Onnx.TensorProto floats =
        ProtoFixtures.weightHeader().addAllFloatData(List.of(1f, 2f, 3f, 4f)).build();
    Model model =
        OnnxReader.read(
            new ByteArrayInputStream(ProtoFixtures.addModel(floats).build().toByteArray()));
    assertThat(model.graph().initializers().get("w").toFloatArray())
        .containsExactly(ProtoFixtures.W);

    Onnx.TensorProto int8 =
        Onnx.TensorProto.newBuilder()
            .setName("w")
            .setDataType(3)
            .addDims(3)
            .addAllInt32Data(List.of(-1, 0, 127))
            .build();
    Tensor t =
        OnnxReader.read(
                new ByteArrayInputStream(ProtoFixtures.addModel(int8).build().toByteArray()))
            .graph()
            .initializers()
            .get("w");
    ByteBuffer bytes = t.bytes();
    assertThat(new byte[] {bytes.get(0), bytes.get(1), bytes.get(2)}).containsExactly(-1, 0, 127);

    Onnx.TensorProto int64 =
        Onnx.TensorProto.newBuilder()
            .setName("w")
            .setDataType(7)
            .addDims(2)
            .addAllInt64Data(List.of(-5L, 1L << 40))
            .build();
    assertThat(
            OnnxReader.read(
                    new ByteArrayInputStream(ProtoFixtures.addModel(int64).build().toByteArray()))
                .graph()
                .initializers()
                .get("w")
                .toLongArray())
        .containsExactly(-5L, 1L << 40);
  }

  @Test
  void externalDataIsPageAlignedAndSmallTensorsStayInline() throws Exception {
    Model model = richModel();
    Path file = dir.resolve("m.onnx");
    WrittenModel written = OnnxWriter.write(model, file, WriteOptions.externalData());

    assertThat(written.externalData()).contains(dir.resolve("m.onnx.data"));
    Onnx.ModelProto proto = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
    Onnx.TensorProto big = proto.getGraph().getInitializer(0);
    Onnx.TensorProto small = proto.getGraph().getInitializer(1);
    Onnx.TensorProto big2 = proto.getGraph().getInitializer(2);
    assertThat(big.getDataLocation()).isEqualTo(Onnx.TensorProto.DataLocation.EXTERNAL);
    assertThat(big.getExternalDataList())
        .extracting(e -> e.getKey() + "=" + e.getValue())
        .containsExactly("location=m.onnx.data", "offset=0", "length=4096");
    assertThat(small.getDataLocation()).isEqualTo(Onnx.TensorProto.DataLocation.DEFAULT);
    assertThat(small.getRawData().size()).isEqualTo(16);
    assertThat(big2.getExternalDataList())
        .extracting(e -> e.getKey() + "=" + e.getValue())
        .containsExactly("location=m.onnx.data", "offset=4096", "length=2000");

    Model back = OnnxReader.read(file);
    assertThat(back.graph().initializers().get("big").data())
        .isInstanceOf(TensorData.FileRegion.class);
    assertThat(back.graph().initializers()).isEqualTo(model.graph().initializers());
  }

  @Test
  void noDataFileWhenEveryTensorIsUnderTheThreshold() throws Exception {
    Model model = richModel();
    model.graph().initializers().remove("big");
    model.graph().initializers().remove("ints");
    Path file = dir.resolve("m.onnx");
    WrittenModel written = OnnxWriter.write(model, file, WriteOptions.externalData());

    assertThat(written.externalData()).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aModelOverTheInlineLimitGoesExternalByItself() throws Exception {
    Path file = dir.resolve("m.onnx");
    WrittenModel written =
        OnnxWriter.write(richModel(), file, WriteOptions.inline().withMaxInlineBytes(5000));

    assertThat(written.externalData()).contains(dir.resolve("m.onnx.data"));
    assertThat(Files.size(dir.resolve("m.onnx.data"))).isEqualTo(4096 + 2000);
    assertThat(OnnxReader.read(file).graph().initializers())
        .isEqualTo(richModel().graph().initializers());
  }

  @Test
  void aCustomLocationInASubfolder() throws Exception {
    Path file = dir.resolve("m.onnx");
    OnnxWriter.write(richModel(), file, WriteOptions.externalData().withLocation("weights/w.bin"));

    assertThat(dir.resolve("weights/w.bin")).exists();
    assertThat(OnnxReader.read(file).graph().initializers())
        .isEqualTo(richModel().graph().initializers());
    assertThatThrownBy(() -> WriteOptions.externalData().withLocation("/abs/w.bin"))
        .hasMessageContaining("is absolute");
  }

  @Test
  void aFailedWriteLeavesNoPartialFileAndKeepsTheOldOne() throws Exception {
    Path file = dir.resolve("m.onnx");
    OnnxWriter.write(richModel(), file);
    byte[] before = Files.readAllBytes(file);

    // a tensor whose external data vanished before it was first read
    Path vanishing = Files.write(dir.resolve("gone.bin"), new byte[16]);
    Model broken = richModel();
    broken
        .graph()
        .initializers()
        .put(
            "small",
            Tensor.of(
                "small", ElemType.FLOAT, new long[] {4}, TensorData.fileRegion(vanishing, 0, 16)));
    Files.delete(vanishing);

    assertThatThrownBy(() -> OnnxWriter.write(broken, file, WriteOptions.externalData()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot map external data " + vanishing);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void writtenFilesAreReadableLikeOrdinaryFiles() throws Exception {
    Path file = dir.resolve("m.onnx");
    OnnxWriter.write(richModel(), file, WriteOptions.externalData());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("m.onnx.data"))))
        .isEqualTo("rw-r--r--");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
    OnnxWriter.write(richModel(), file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-rw----");
  }

  @Test
  void writingOverTheModelBeingReadIsSafe() throws Exception {
    Path file = dir.resolve("m.onnx");
    OnnxWriter.write(richModel(), file, WriteOptions.externalData());
    Model mapped = OnnxReader.read(file);

    OnnxWriter.write(mapped, file, WriteOptions.externalData());
    assertThat(OnnxReader.read(file).graph().initializers())
        .isEqualTo(richModel().graph().initializers());
  }

  /** Two opsets, metadata, a dynamic input, a Constant node, inline and large initializers. */
  static Model richModel() {
    Graph g = new Graph("rich");
    g.inputs().add(new Value("x", ElemType.FLOAT, Shape.of("batch", null, 4)));
    g.outputs().add(new Value("y", ElemType.FLOAT, Shape.of("batch", null, 4)));
    g.valueInfo().add(new Value("c", ElemType.INT64, Shape.of(1)));
    float[] big = new float[1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = i * 0.5f;
    }
    g.addInitializer(Tensor.floats("big", new long[] {256, 4}, big));
    g.addInitializer(Tensor.floats("small", new long[] {4}, 1f, 2f, 3f, 4f));
    ByteBuffer bytes = ByteBuffer.allocate(2000).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 500; i++) {
      bytes.putInt(i);
    }
    g.addInitializer(Tensor.of("ints", ElemType.INT32, new long[] {500}, bytes.flip()));
    g.nodes()
        .add(
            Node.of(
                "const",
                "",
                "Constant",
                List.of(),
                List.of("c"),
                List.of(Attribute.of("value", Tensor.longs("", new long[] {1}, 7)))));
    g.nodes().add(Node.of("gelu", "com.microsoft", "Gelu", List.of("x"), List.of("g"), List.of()));
    g.nodes()
        .add(
            Node.of(
                "add",
                "",
                "Add",
                List.of("g", "small"),
                List.of("y"),
                List.of(
                    Attribute.ints("unused_ints", 1, 2),
                    Attribute.floats("unused_floats", 0.5f),
                    Attribute.strings("unused_strings", "a", "b"),
                    Attribute.of("unused_s", "text"))));
    Model m = new Model(g).importOpset("", 17).importOpset("com.microsoft", 1);
    m.setProducer("mtl4j", "test");
    m.metadata().put("mtl.manifest", "{\"tasks\":[]}");
    m.metadata().put("tokenizer", "{}");
    return m;
  }
}
