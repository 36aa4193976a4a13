package org.mtl4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.io.WriteOptions;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.EncoderInfo;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.PackageWriter;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TokenizerInfo;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The staging and storage half of {@link PackageExporter}, on a package whose reference outputs
 * ONNX Runtime computed from the same graph (the DJL parity itself is tested where DJL lives).
 */
class StagedExportTest {

  @TempDir Path dir;

  ModelPackage selfReferencedPackage() {
    EncoderConfig config = Presets.tiny(EncoderFamily.DISTILBERT).config();
    Map<String, FloatTensor> weights = GraphExporterTest.weights(config, GraphExporterTest.TASKS);
    long[][] ids = {{4, 5, 6, 7}, {8, 9, 0, 0}};
    long[][] mask = {{1, 1, 1, 1}, {1, 1, 0, 0}};
    Map<String, FloatTensor> outputs;
    try (InferenceSession runner =
        InferenceSession.open(
            OnnxWriter.toBytes(
                GraphExporter.build(
                    new ExportRequest(config, weights, GraphExporterTest.TASKS, Map.of()))),
            ParityGate.SESSION_OPTIONS)) {
      outputs = runner.run(Map.of("input_ids", ids, "attention_mask", mask));
    }
    ReferenceSet reference =
        new ReferenceSet(
            List.of(
                new ReferenceBatch(
                    "dev-0",
                    ReferenceBatch.DEV,
                    ids,
                    mask,
                    null,
                    outputs,
                    Map.of("intent", new long[][] {{0}, {2}}))));
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            new EncoderInfo("distilbert", HfConfigJson.toJson(config)),
            new TokenizerInfo("tokenizer.json", 64, true, false),
            GraphExporterTest.TASKS,
            Map.of(),
            Map.of());
    ModelPackage pkg =
        PackageWriter.write(
            dir.resolve("pkg"),
            manifest,
            weights,
            JsonNodeFactory.instance.objectNode().toString(),
            reference);
    return pkg;
  }

  @Test
  void externalDataIsWrittenBesideTheModelAndLoads() throws Exception {
    ModelPackage pkg = selfReferencedPackage();
    Path out = dir.resolve("out/model.onnx");
    ExportResult result = PackageExporter.export(pkg, out, List.of(), WriteOptions.externalData());

    assertThat(result.files()).hasSize(2).startsWith(out);
    Path data = result.files().get(1);
    assertThat(data.getParent()).isEqualTo(out.getParent());
    assertThat(data.getFileName().toString()).matches("model\\.onnx\\.[0-9a-f]{8}\\.data");
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("model.onnx", data.getFileName().toString());
    }
    assertThat(Files.size(out)).isLessThan(Files.size(data));
    assertThat(ModelValidator.validate(out, pkg).passed()).isTrue();
  }

  @Test
  void tritonConfigListsTheContract() {
    ModelPackage pkg = selfReferencedPackage();
    ExportResult result = PackageExporter.export(pkg, dir.resolve("m.onnx"), List.of("slots"));
    Path config = TritonRepository.write(result.files(), dir.resolve("repo"), "m", false);
    assertThat(config)
        .hasContent(
            String.join(
                "\n",
                "name: \"m\"",
                "backend: \"onnxruntime\"",
                "max_batch_size: 64",
                "input [",
                "  {",
                "    name: \"input_ids\"",
                "    data_type: TYPE_INT64",
                "    dims: [ -1 ]",
                "  },",
                "  {",
                "    name: \"attention_mask\"",
                "    data_type: TYPE_INT64",
                "    dims: [ -1 ]",
                "  }",
                "]",
                "output [",
                "  {",
                "    name: \"slots.logits\"",
                "    data_type: TYPE_FP32",
                "    dims: [ -1, 3 ]",
                "  }",
                "]",
                "dynamic_batching {",
                "  max_queue_delay_microseconds: 1000",
                "}"));
    assertThat(dir.resolve("repo/m/1/model.onnx")).exists();
  }

  @Test
  void changedReferenceOutputsFailTheGateAndLeaveNothing() throws Exception {
    ModelPackage good = selfReferencedPackage();
    ReferenceBatch b = good.reference().batches().get(0);
    List<ReferenceBatch> changed = new ArrayList<>();
    float[] logits = b.outputs().get("intent.logits").data().clone();
    logits[0] += 1e-3f;
    Map<String, FloatTensor> outputs = new java.util.HashMap<>(b.outputs());
    outputs.put("intent.logits", new FloatTensor(new long[] {2, 3}, logits));
    changed.add(
        new ReferenceBatch(
            b.name(), b.split(), b.inputIds(), b.attentionMask(), null, outputs, b.gold()));
    ModelPackage bad =
        PackageWriter.write(
            dir.resolve("bad"),
            good.manifest(),
            good.readWeights(),
            good.tokenizerJson(),
            new ReferenceSet(changed));
    try {
      PackageExporter.export(bad, dir.resolve("bad/model.onnx"), List.of());
      throw new AssertionError("the gate passed");
    } catch (ParityGateException e) {
      assertThat(e.report().failures())
          .anySatisfy(f -> assertThat(f).contains("dev-0/intent.logits"));
      assertThat(e.report().toJsonNode().get("passed").asBoolean()).isFalse();
    }
    try (Stream<Path> files = Files.list(dir.resolve("bad"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "mtl.json", "tokenizer.json", "weights.safetensors", "reference");
    }
  }
}
