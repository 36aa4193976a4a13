package org.mtl4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.train.reference.ProbeBatches;
import org.mtl4j.zoo.EncoderSources;
import org.mtl4j.zoo.encoder.AlbertConfig;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.ParameterSpec;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.PackageWriter;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/** Packages through {@link PackageExporter}: the gate, the file, the metadata, failures. */
class PackageExportTest {

  @TempDir Path dir;

  static ModelPackage tinyPackage(Path dir, EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    int maxLength = Math.min(64, config.maxSequenceLength());
    return TinyPackages.random(
        dir,
        config,
        TinyPackages.THREE_TASKS,
        ProbeBatches.standard(config, maxLength, 5),
        maxLength);
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void everyFamilyPassesTheGateWithEveryHeadAndCarriesItsManifest(EncoderFamily family)
      throws Exception {
    ModelPackage pkg = tinyPackage(dir.resolve("pkg"), family);
    Path out = dir.resolve("out/model.onnx");
    ExportResult result = PackageExporter.export(pkg, out, List.of());

    assertThat(result.report().passed()).as(result.report().toText()).isTrue();
    assertThat(result.outputs()).containsExactly("intent.logits", "ner.logits", "topics.logits");
    assertThat(result.report().perOutput())
        .containsOnlyKeys("intent.logits", "ner.logits", "topics.logits");
    assertThat(result.report().perOutput().values())
        .allSatisfy(
            v -> {
              assertThat(v.maxAbsDiff()).isLessThanOrEqualTo(1e-5);
              assertThat(v.argmaxAgreement()).isEqualTo(1.0);
            });
    assertThat(result.report().metrics()).containsOnlyKeys("intent", "ner", "topics");
    assertThat(Files.list(out.getParent()).map(p -> p.getFileName().toString()).toList())
        .containsExactly("model.onnx");

    Model model = OnnxReader.read(out);
    assertThat(model.irVersion()).isEqualTo(OnnxDefaults.IR_VERSION);
    assertThat(model.opsets()).containsExactlyEntriesOf(Map.of("", OnnxDefaults.AI_ONNX_OPSET));
    assertThat(model.metadata().get(Manifest.TOKENIZER_METADATA_KEY))
        .isEqualTo(pkg.tokenizerJson());
    assertThat(model.metadata().get(Manifest.METADATA_KEY))
        .contains("\"intent\"", "\"ner\"", "\"topics\"");
    assertThat(model.graph().inputs())
        .extracting(v -> v.name())
        .containsExactlyElementsOf(
            family.usesTokenTypeIds()
                ? List.of("input_ids", "attention_mask", "token_type_ids")
                : List.of("input_ids", "attention_mask"));
  }

  @Test
  void aCorruptedWeightFailsTheGateNamingTheOutputAndLeavesNoFile() throws Exception {
    ModelPackage good = tinyPackage(dir.resolve("good"), EncoderFamily.BERT);
    Map<String, FloatTensor> weights = new LinkedHashMap<>(good.readWeights());
    FloatTensor w = weights.get("encoder.layer.1.output.dense.weight");
    float[] data = w.data().clone();
    data[17] += 0.5f;
    weights.put("encoder.layer.1.output.dense.weight", new FloatTensor(w.shape(), data));
    ModelPackage bad =
        PackageWriter.write(
            dir.resolve("bad"), good.manifest(), weights, good.tokenizerJson(), good.reference());
    Path out = dir.resolve("bad/model.onnx");

    assertThatThrownBy(() -> PackageExporter.export(bad, out, List.of()))
        .isInstanceOfSatisfying(
            ParityGateException.class,
            e -> {
              assertThat(e.report().passed()).isFalse();
              assertThat(e.getMessage()).contains("intent.logits", "max abs diff", "FAIL");
            });
    try (Stream<Path> files = Files.list(dir.resolve("bad"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .doesNotContain("model.onnx")
          .noneMatch(n -> n.startsWith(".mtl-staging-"));
    }
  }

  @Test
  void threeTasksInOneGraphEqualThreeSingleTaskExportsAndHoldTheEncoderOnce() throws Exception {
    ModelPackage pkg = tinyPackage(dir.resolve("pkg"), EncoderFamily.BERT);
    Path all = PackageExporter.export(pkg, dir.resolve("all.onnx"), List.of()).model();
    ReferenceBatch batch =
        pkg.reference().batches().stream()
            .filter(b -> b.batchSize() == 8)
            .findFirst()
            .orElseThrow();
    Map<String, FloatTensor> combined;
    try (InferenceSession runner = InferenceSession.open(all, ParityGate.SESSION_OPTIONS)) {
      combined = runner.run(ParityGate.inputs(batch));
    }
    for (TaskSpec task : pkg.manifest().tasks()) {
      Path single =
          PackageExporter.export(pkg, dir.resolve(task.name() + ".onnx"), List.of(task.name()))
              .model();
      try (InferenceSession runner = InferenceSession.open(single, ParityGate.SESSION_OPTIONS)) {
        assertThat(runner.outputNames()).containsExactly(task.outputName());
        Map<String, FloatTensor> alone = runner.run(ParityGate.inputs(batch));
        assertThat(alone.get(task.outputName()).data())
            .as(task.outputName())
            .containsExactly(combined.get(task.outputName()).data());
      }
    }

    Model model = OnnxReader.read(all);
    Map<String, FloatTensor> weights = pkg.readWeights();
    EncoderConfig config = pkg.encoderConfig();
    long expectedBytes = 0;
    for (ParameterSpec spec : config.parameters(true)) {
      Tensor t = model.graph().initializers().get(spec.name());
      assertThat(t).as(spec.name()).isNotNull();
      assertThat(bytes(t)).as(spec.name()).isEqualTo(littleEndian(weights.get(spec.name()).data()));
      expectedBytes += 4 * spec.size();
    }
    for (String name : weights.keySet()) {
      if (name.startsWith(EncoderSources.HEADS_PREFIX)) {
        assertThat(bytes(model.graph().initializers().get(name)))
            .isEqualTo(littleEndian(weights.get(name).data()));
        expectedBytes += 4L * weights.get(name).data().length;
      }
    }
    long floatBytes =
        model.graph().initializers().values().stream()
            .filter(t -> t.elemType() == org.mtl4j.graph.ir.ElemType.FLOAT && t.elementCount() > 1)
            .mapToLong(Tensor::byteSize)
            .sum();
    assertThat(floatBytes)
        .as("float weights beyond the encoder and the three heads")
        .isEqualTo(expectedBytes);
  }

  @Test
  void albertSharedLayersAreStoredOnce() throws Exception {
    ModelPackage pkg = tinyPackage(dir.resolve("pkg"), EncoderFamily.ALBERT);
    AlbertConfig config = (AlbertConfig) pkg.encoderConfig();
    assertThat(config.numLayers()).isGreaterThan(config.numHiddenGroups());
    Model model =
        OnnxReader.read(PackageExporter.export(pkg, dir.resolve("a.onnx"), List.of()).model());
    long layerWeights =
        model.graph().initializers().keySet().stream()
            .filter(n -> n.startsWith("encoder.albert_layer_groups."))
            .count();
    long specWeights =
        config.parameters(true).stream()
            .filter(p -> p.name().startsWith("encoder.albert_layer_groups."))
            .count();
    assertThat(layerWeights).isEqualTo(specWeights);
    String query = "encoder.albert_layer_groups.0.albert_layers.0.attention.query.weight";
    long uses = model.graph().nodes().stream().filter(n -> n.inputs().contains(query)).count();
    assertThat(uses).isEqualTo(config.numLayers());
  }

  static byte[] bytes(Tensor t) {
    ByteBuffer b = t.bytes().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  static byte[] littleEndian(float[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    return b.array();
  }
}
