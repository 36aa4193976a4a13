package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.export.TinyPackages;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.train.reference.ProbeBatches;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.hf.HfCheckpoint;
import org.mtl4j.zoo.io.Sha256;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.PackageWriter;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * {@code mtl export}, {@code mtl validate}, {@code mtl convert}, {@code mtl forward --engine onnx}.
 */
class ExportCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ModelPackage tinyPackage(Path folder) {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    return TinyPackages.random(
        folder, config, TinyPackages.THREE_TASKS, ProbeBatches.standard(config, 16, 3), 16);
  }

  @Test
  void exportsThenValidatesWithTheIssuesJson() throws IOException {
    Path pkg = tinyPackage(dir.resolve("pkg")).dir();

    CliRun export = CliRun.of("export", pkg.toString(), "--json");
    assertThat(export.exitCode()).as(export.err()).isZero();
    JsonNode result = JSON.readTree(export.out());
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.get("outputs").toString())
        .isEqualTo("[\"intent.logits\",\"ner.logits\",\"topics.logits\"]");
    assertThat(pkg.resolve("model.onnx")).exists();

    CliRun validate = CliRun.of("validate", pkg.toString(), "--json");
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    JsonNode report = JSON.readTree(validate.out());
    assertThat(report.get("passed").asBoolean()).isTrue();
    assertThat(report.get("tier").asText()).isEqualTo("portable");
    assertThat(report.at("/outputs/ner.logits/maxAbsDiff").asDouble()).isLessThanOrEqualTo(1e-5);
    assertThat(report.at("/outputs/intent.logits/argmaxAgreement").asDouble()).isEqualTo(1.0);
    JsonNode accuracy = report.at("/metrics/intent/classification_accuracy");
    assertThat(accuracy.get("reference").asDouble())
        .isEqualTo(accuracy.get("candidate").asDouble());

    CliRun byFile = CliRun.of("validate", pkg.resolve("model.onnx").toString());
    assertThat(byFile.exitCode()).as(byFile.err()).isZero();
    assertThat(byFile.out()).contains("parity gate: PASS");
  }

  @Test
  void aCorruptedWeightExitsOneNamingTheOutputAndLeavesNoModel() throws IOException {
    ModelPackage good = tinyPackage(dir.resolve("good"));
    Map<String, FloatTensor> weights = new LinkedHashMap<>(good.readWeights());
    String name = "encoder.layer.0.attention.self.value.weight";
    float[] data = weights.get(name).data().clone();
    data[3] = 1e3f;
    weights.put(name, new FloatTensor(weights.get(name).shape(), data));
    Path bad =
        PackageWriter.write(
                dir.resolve("bad"),
                good.manifest(),
                weights,
                good.tokenizerJson(),
                good.reference())
            .dir();

    CliRun export = CliRun.of("export", bad.toString());

    assertThat(export.exitCode()).isEqualTo(1);
    assertThat(export.err())
        .contains("parity (portable tier): FAIL", "intent.logits", "max abs diff", "no model file");
    try (Stream<Path> files = Files.list(bad)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .doesNotContain("model.onnx")
          .noneMatch(n -> n.startsWith(".mtl-staging"));
    }
  }

  @Test
  void tasksKeepsOnlyThoseHeadsAndAnUnknownTaskIsBadInput() throws IOException {
    Path pkg = tinyPackage(dir.resolve("pkg")).dir();
    Path out = dir.resolve("ner.onnx");

    CliRun export =
        CliRun.of("export", pkg.toString(), "--tasks", "ner", "--out", out.toString(), "--json");
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(JSON.readTree(export.out()).get("outputs").toString()).isEqualTo("[\"ner.logits\"]");

    CliRun unknown =
        CliRun.of(
            "export", pkg.toString(), "--tasks", "nope", "--out", dir.resolve("x.onnx").toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no task 'nope'");
  }

  @Test
  void aSubsetOfTasksOverThePackagesOwnModelIsBadInputAndChangesNothing() throws IOException {
    Path pkg = tinyPackage(dir.resolve("pkg")).dir();
    assertThat(CliRun.of("export", pkg.toString()).exitCode()).isZero();
    Map<String, String> before = contents(pkg);

    for (List<String> args :
        List.of(
            List.of("export", pkg.toString(), "--tasks", "ner"),
            List.of(
                "export",
                pkg.toString(),
                "--tasks",
                "intent,ner",
                "--out",
                pkg.resolve("sub/../model.onnx").toString()))) {
      CliRun subset = CliRun.of(args.toArray(String[]::new));
      assertThat(subset.exitCode()).as(subset.err()).isEqualTo(2);
      assertThat(subset.err())
          .contains(pkg.resolve("model.onnx").toString(), "of the package's 3 tasks", "--out")
          .doesNotContain("Exception");
      assertThat(contents(pkg)).as("files of %s after %s", pkg, args).isEqualTo(before);
    }
    try (MtlModel model =
        MtlModel.load(pkg, RuntimeOptions.builder().optIntraOpThreads(1).build())) {
      assertThat(model.predict("play jazz").results()).containsKeys("intent", "topics", "ner");
    }
    // the same subset elsewhere is the way to a smaller graph; all tasks reordered stay allowed
    Path ner = dir.resolve("ner.onnx");
    assertThat(
            CliRun.of("export", pkg.toString(), "--tasks", "ner", "--out", ner.toString())
                .exitCode())
        .isZero();
    CliRun reordered = CliRun.of("export", pkg.toString(), "--tasks", "topics,ner,intent");
    assertThat(reordered.exitCode()).as(reordered.err()).isZero();
  }

  /** Every regular file under a folder and its SHA-256, by relative path. */
  private static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(folder.relativize(p).toString(), Sha256.of(p));
      }
    }
    return out;
  }

  @Test
  void writesATritonRepository() throws IOException {
    Path pkg = tinyPackage(dir.resolve("pkg")).dir();
    Path repo = dir.resolve("triton");

    CliRun export =
        CliRun.of(
            "export",
            pkg.toString(),
            "--triton",
            repo.toString(),
            "--triton-name",
            "tiny",
            "--triton-tensorrt");

    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(repo.resolve("tiny/1/model.onnx")).exists();
    String config = Files.readString(repo.resolve("tiny/config.pbtxt"));
    assertThat(config)
        .contains(
            "name: \"tiny\"",
            "backend: \"onnxruntime\"",
            "max_batch_size: 64",
            "dynamic_batching",
            "name: \"input_ids\"",
            "data_type: TYPE_INT64",
            "dims: [ -1 ]",
            "name: \"intent.logits\"",
            "dims: [ 3 ]",
            "name: \"ner.logits\"",
            "dims: [ -1, 5 ]",
            "name: \"tensorrt\"");
  }

  @Test
  void aMissingPackageIsBadInput() {
    CliRun export = CliRun.of("export", dir.resolve("nothing").toString());
    assertThat(export.exitCode()).isEqualTo(2);
    assertThat(export.err()).contains("nothing").contains("mtl.json");
  }

  @ParameterizedTest
  @EnumSource(
      value = EncoderFamily.class,
      names = {"BERT", "XLNET"})
  void forwardOnOnnxMatchesForwardOnDjl(EncoderFamily family) throws IOException {
    Path checkpoint = tinyCheckpoint(family);
    Path djl = dir.resolve("djl.json");
    Path onnx = dir.resolve("onnx.json");
    String[] texts = {"--text", "the cat sat", "a dog"};

    CliRun a =
        CliRun.of(
            concat(
                new String[] {
                  "forward", checkpoint.toString(), "--engine", "djl", "--output", djl.toString()
                },
                texts));
    CliRun b =
        CliRun.of(
            concat(
                new String[] {
                  "forward", checkpoint.toString(), "--engine", "onnx", "--output", onnx.toString()
                },
                texts));

    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.exitCode()).as(b.err()).isZero();
    JsonNode x = JSON.readTree(djl.toFile());
    JsonNode y = JSON.readTree(onnx.toFile());
    assertThat(y.get("inputs")).isEqualTo(x.get("inputs"));
    JsonNode mask = x.at("/inputs/attention_mask/data");
    JsonNode hx = x.at("/outputs/last_hidden_state/data");
    JsonNode hy = y.at("/outputs/last_hidden_state/data");
    assertThat(hy.size()).isEqualTo(hx.size());
    int width = hx.size() / mask.size();
    for (int i = 0; i < hx.size(); i++) {
      if (mask.get(i / width).asLong() == 1) {
        assertThat(hy.get(i).asDouble())
            .as("element " + i)
            .isCloseTo(hx.get(i).asDouble(), org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }

  @Test
  void convertMakesAnEncoderOnlyPackageAndOneWithHeads() throws IOException {
    Path checkpoint = tinyCheckpoint(EncoderFamily.BERT);
    Path heads = tinyPackage(dir.resolve("heads")).dir();

    CliRun bare =
        CliRun.of(
            "convert", checkpoint.toString(), "--out", dir.resolve("bare").toString(), "--json");
    assertThat(bare.exitCode()).as(bare.err()).isZero();
    assertThat(JSON.readTree(bare.out()).get("outputs").toString())
        .isEqualTo("[\"last_hidden_state\",\"pooler_output\"]");

    CliRun withHeads =
        CliRun.of(
            "convert",
            checkpoint.toString(),
            "--out",
            dir.resolve("full").toString(),
            "--heads",
            heads.toString(),
            "--json");
    assertThat(withHeads.exitCode()).as(withHeads.err()).isZero();
    assertThat(JSON.readTree(withHeads.out()).get("outputs").toString())
        .isEqualTo("[\"intent.logits\",\"ner.logits\",\"topics.logits\"]");
    assertThat(dir.resolve("full/model.onnx")).exists();
    assertThat(ModelPackage.open(dir.resolve("full")).manifest().tasks()).hasSize(3);

    CliRun unknown = CliRun.of("convert", "no-such-model", "--out", dir.resolve("x").toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("all-minilm-l6-v2");
  }

  private Path tinyCheckpoint(EncoderFamily family) throws IOException {
    EncoderConfig config = Presets.tiny(family).config();
    String tokenizer;
    try (InputStream in =
        getClass().getResourceAsStream("/org/mtl4j/train/encoder/tiny-tokenizer.json")) {
      tokenizer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path folder = dir.resolve("tiny-" + family.modelType());
    HfCheckpoint.write(
        new EncoderCheckpoint(config, RandomWeights.of(config, true, 21), tokenizer, "tiny"),
        folder);
    return folder;
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(List.of(a).stream(), List.of(b).stream()).toArray(String[]::new);
  }
}
