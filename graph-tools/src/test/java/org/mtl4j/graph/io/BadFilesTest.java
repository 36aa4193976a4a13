package org.mtl4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.graph.MiniLm;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.check.ModelChecker;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;

/** Bad files and graphs give errors that say what is wrong and where. */
class BadFilesTest {

  @TempDir Path dir;

  @Test
  void truncatedFile() throws Exception {
    byte[] bytes = Files.readAllBytes(MiniLm.modelFile());
    Path file = dir.resolve("truncated.onnx");
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> OnnxReader.read(file))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessageStartingWith(file + ": not a valid ONNX model (truncated or corrupt protobuf: ")
        .hasMessageContaining("input ended unexpectedly");
  }

  @Test
  void randomBytes() throws Exception {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Path file = dir.resolve("noise.onnx");
    Files.write(file, noise);

    assertThatThrownBy(() -> OnnxReader.read(file))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessageStartingWith(file + ": not a valid ONNX model (truncated or corrupt protobuf: ");
  }

  @Test
  void validProtobufThatIsNoModel() throws Exception {
    Path file = dir.resolve("empty-model.onnx");
    Files.write(file, new byte[] {0x12, 0x03, 'a', 'b', 'c'}); // producer_name only

    assertThatThrownBy(() -> OnnxReader.read(file))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessage(file + ": not an ONNX model: ir_version is missing");
  }

  @Test
  void emptyAndMissingFiles() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.onnx"));
    assertThatThrownBy(() -> OnnxReader.read(empty))
        .hasMessage(empty + ": not an ONNX model: the file is empty");
    assertThatThrownBy(() -> OnnxReader.read(dir.resolve("nope.onnx")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> OnnxReader.read(dir))
        .hasMessage(dir + ": is a folder, not an ONNX model file");
  }

  @Test
  void nodeInADomainThatIsNotImported() throws Exception {
    Graph graph = typedGraph();
    graph
        .nodes()
        .add(Node.of("frob", "com.example", "Frobnicate", List.of("x"), List.of("y"), List.of()));
    Model model = new Model(graph).importOpset("", 17);
    Path file = dir.resolve("domain.onnx");
    OnnxWriter.write(model, file);

    assertThat(ModelChecker.check(OnnxReader.read(file)))
        .containsExactly(
            "node 'frob' (com.example:Frobnicate): domain 'com.example' is not imported by the model");
  }

  @Test
  void cycle() throws Exception {
    Graph graph = typedGraph();
    graph.nodes().add(Node.of("a", "", "Add", List.of("x", "b_out"), List.of("a_out"), List.of()));
    graph.nodes().add(Node.of("b", "", "Relu", List.of("a_out"), List.of("b_out"), List.of()));
    graph.nodes().add(Node.of("c", "", "Identity", List.of("b_out"), List.of("y"), List.of()));
    Path file = dir.resolve("cycle.onnx");
    OnnxWriter.write(new Model(graph).importOpset("", 17), file);

    List<String> problems = ModelChecker.check(OnnxReader.read(file));
    assertThat(problems)
        .containsExactly(
            "nodes form a cycle (each uses an output of the next): "
                + "'a' (ai.onnx:Add) -> 'b' (ai.onnx:Relu) -> 'a' (ai.onnx:Add)");
    assertThatThrownBy(() -> ModelChecker.requireValid(OnnxReader.read(file)))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessageStartingWith("invalid model (1 problem):\n  nodes form a cycle");
  }

  @Test
  void externalLocationWithDotDot() throws Exception {
    Path modelDir = Files.createDirectory(dir.resolve("model"));
    Files.write(dir.resolve("w.bin"), ProtoFixtures.weightBytes().array());
    Path file =
        ProtoFixtures.write(
            ProtoFixtures.addModel(ProtoFixtures.externalWeight("../w.bin")),
            modelDir.resolve("m.onnx"));

    assertThatThrownBy(() -> OnnxReader.read(file))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessage(
            file
                + ": tensor 'w': external-data location '../w.bin' uses '..'"
                + " and so leaves the model's folder");
  }

  @Test
  void absoluteExternalLocation() throws Exception {
    Path data = dir.resolve("w.bin");
    Files.write(data, ProtoFixtures.weightBytes().array());
    Path file =
        ProtoFixtures.write(
            ProtoFixtures.addModel(ProtoFixtures.externalWeight(data.toAbsolutePath().toString())),
            dir.resolve("m.onnx"));

    assertThatThrownBy(() -> OnnxReader.read(file))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessage(
            file
                + ": tensor 'w': external-data location '"
                + data.toAbsolutePath()
                + "' is absolute; it must be a path relative to the model's folder");
  }

  @Test
  void symbolicLinkOutOfTheModelFolder() throws Exception {
    Path modelDir = Files.createDirectory(dir.resolve("model"));
    Path outside = Files.write(dir.resolve("w.bin"), ProtoFixtures.weightBytes().array());
    Files.createSymbolicLink(modelDir.resolve("w.bin"), outside);
    Path file =
        ProtoFixtures.write(
            ProtoFixtures.addModel(ProtoFixtures.externalWeight("w.bin")),
            modelDir.resolve("m.onnx"));

    assertThatThrownBy(() -> OnnxReader.read(file))
        .hasMessage(
            file
                + ": tensor 'w': external-data location 'w.bin' leaves the model's"
                + " folder through a symbolic link");
  }

  @Test
  void missingExternalDataFile() throws Exception {
    Path file = dir.resolve("m.onnx");
    OnnxWriter.write(weightModel(), file, WriteOptions.externalData().withSizeThreshold(0));
    Files.delete(dir.resolve("m.onnx.data"));

    assertThatThrownBy(() -> OnnxReader.read(file))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessage(
            file
                + ": tensor 'w': external-data file 'm.onnx.data' not found (looked for "
                + dir.resolve("m.onnx.data").toAbsolutePath()
                + ")");
  }

  @Test
  void externalDataFileTooShort() throws Exception {
    Files.write(dir.resolve("w.bin"), new byte[8]);
    Path file =
        ProtoFixtures.write(
            ProtoFixtures.addModel(ProtoFixtures.externalWeight("w.bin")), dir.resolve("m.onnx"));

    assertThatThrownBy(() -> OnnxReader.read(file))
        .hasMessage(
            file
                + ": tensor 'w': external-data file 'w.bin' has 8 bytes, but the tensor"
                + " needs bytes 0 to 16");
  }

  @Test
  void externalDataFromAStreamWithoutFolder() throws Exception {
    Path file = dir.resolve("m.onnx");
    OnnxWriter.write(weightModel(), file, WriteOptions.externalData().withSizeThreshold(0));

    assertThatThrownBy(() -> OnnxReader.read(new ByteArrayInputStream(Files.readAllBytes(file))))
        .hasMessage(
            "stream: tensor 'w' keeps its data in external file 'm.onnx.data', but the"
                + " model was read from a stream without a folder; read it from its file instead");
    assertThat(
            OnnxReader.read(new ByteArrayInputStream(Files.readAllBytes(file)), dir)
                .graph()
                .initializers()
                .get("w")
                .toFloatArray())
        .containsExactly(ProtoFixtures.W);
  }

  @Test
  void unknownElementType() throws Exception {
    Path file =
        ProtoFixtures.write(
            ProtoFixtures.addModel(ProtoFixtures.weightHeader().setDataType(99).build()),
            dir.resolve("m.onnx"));

    assertThatThrownBy(() -> OnnxReader.read(file))
        .hasMessage(file + ": tensor 'w': unknown ONNX element type 99");
  }

  @Test
  void rawDataOfTheWrongSize() throws Exception {
    Path file =
        ProtoFixtures.write(
            ProtoFixtures.addModel(
                ProtoFixtures.weightHeader()
                    .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[12]))
                    .build()),
            dir.resolve("m.onnx"));

    assertThatThrownBy(() -> OnnxReader.read(file))
        .hasMessage(file + ": tensor 'w': float[2, 2] needs 16 bytes, got 12");
  }

  private static Graph typedGraph() {
    Graph graph = new Graph("g");
    graph.inputs().add(new Value("x", ElemType.FLOAT, Shape.of(2)));
    graph.outputs().add(new Value("y", ElemType.FLOAT, Shape.of(2)));
    return graph;
  }

  private static Model weightModel() {
    Graph graph = typedGraph();
    graph.addInitializer(Tensor.floats("w", new long[] {2, 2}, ProtoFixtures.W));
    graph.outputs().set(0, new Value("w", ElemType.FLOAT, Shape.of(2, 2)));
    return new Model(graph).importOpset("", 17);
  }
}
