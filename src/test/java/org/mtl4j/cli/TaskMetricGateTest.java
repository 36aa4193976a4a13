package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.io.WriteOptions;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.train.trainer.PackageEvaluation;
import org.mtl4j.train.trainer.TinyTasks;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * The task-metric gates of {@code mtl optimize} and {@code mtl eval --model}, on one tiny BERT
 * package trained on the four tiny tasks through {@code mtl train} and exported: int8 judged on the
 * whole dev split of the task file against the fp32 graph, the same figures as {@code mtl eval
 * --model}; no task file and a small reference; a graph whose head was perturbed; bad graphs.
 */
class TaskMetricGateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Map<String, Double>>> METRICS =
      new TypeReference<>() {};

  @TempDir static Path shared;
  private static Path tasks;
  private static Path pkg;

  @TempDir Path dir;

  @BeforeAll
  static void trainAndExport() {
    tasks = TinyTasks.write(shared.resolve("data"), 48, 24, 7);
    pkg = shared.resolve("pkg");
    CliRun train = CliRun.of(TinyTasks.trainArgs(tasks, pkg, "tiny-bert", 6));
    assertThat(train.exitCode()).as(train.err()).isZero();
    CliRun export = CliRun.of("export", pkg.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
  }

  private static Map<String, Map<String, Double>> eval(String... args) throws IOException {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readValue(run.out(), METRICS);
  }

  @Test
  void int8PassesOnTheWholeDevSplitWithTheFiguresEvalComputes() throws IOException {
    Path int8 = dir.resolve("model.int8.onnx");

    CliRun run =
        CliRun.of(
            "optimize", pkg.toString(), "--level", "int8", "--out", int8.toString(), "--json");

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.at("/parity/tier").asText()).isEqualTo("int8");
    assertThat(result.get("gateAgainst").asText())
        .contains(pkg.resolve("model.onnx").toString(), "the dev split of " + tasks);
    assertThat(result.at("/passes/int8/quantize-matmul-int8").asInt()).isPositive();
    Map<String, Map<String, Double>> fp32 =
        eval("eval", pkg.toString(), "--model", pkg.resolve("model.onnx").toString(), "--json");
    Map<String, Map<String, Double>> quantized =
        eval("eval", pkg.toString(), "--model", int8.toString(), "--json");
    GateFigures gate = GateFigures.of(result.get("parity"));
    assertThat(gate.rows()).containsOnlyKeys("intent", "ner", "pair", "tags");
    assertThat(gate.rows().values()).containsOnly(24);
    assertThat(gate.argmaxAgreement().values()).allSatisfy(a -> assertThat(a).isBetween(0.0, 1.0));
    assertThat(gate.largestDifferencePoints()).isLessThanOrEqualTo(1.0);
    assertThat(gate.fp32()).isEqualTo(fp32);
    assertThat(gate.candidate()).isEqualTo(quantized);

    CliRun text =
        CliRun.of(
            "optimize",
            pkg.toString(),
            "--level",
            "int8",
            "--out",
            dir.resolve("again.int8.onnx").toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("task intent (24 rows): argmax agreement", "classification_accuracy: fp32")
        .contains("parity gate: PASS");
  }

  @Test
  void fp16PassesTheFp16TierOnTheWholeDevSplitAndSaysWhatTheCpuChecks() throws IOException {
    Path fp16 = dir.resolve("model.fp16.onnx");

    CliRun run =
        CliRun.of(
            "optimize", pkg.toString(), "--level", "fp16", "--out", fp16.toString(), "--json");

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.at("/parity/tier").asText()).isEqualTo("fp16");
    assertThat(result.at("/passes/fp16").size()).isPositive();
    assertThat(result.at("/parity/note").asText()).contains("float16 rounding");
    GateFigures gate = GateFigures.of(result.get("parity"));
    assertThat(gate.rows()).hasSize(4);
    assertThat(gate.lowestArgmaxAgreement()).isGreaterThanOrEqualTo(0.995);
    assertThat(gate.largestDifferencePoints()).isLessThanOrEqualTo(0.2);
    assertThat(eval("eval", pkg.toString(), "--model", fp16.toString(), "--json"))
        .containsOnlyKeys("intent", "ner", "pair", "tags");
  }

  @Test
  void evalOfThePortableGraphEqualsEvalOfThePackage() throws IOException {
    String model = pkg.resolve("model.onnx").toString();
    assertThat(eval("eval", pkg.toString(), "--model", model, "--json"))
        .isEqualTo(eval("eval", pkg.toString(), "--json"))
        .containsOnlyKeys("intent", "ner", "pair", "tags");
    assertThat(eval("eval", pkg.toString(), "--model", model, "--split", "test", "--json"))
        .isEqualTo(eval("eval", pkg.toString(), "--split", "test", "--json"));
  }

  @Test
  void withoutATaskFileAndWithASmallReferenceInt8CannotBeDecided() throws IOException {
    Path copy = dir.resolve("copy");
    copyPackage(copy);
    ModelPackage opened = ModelPackage.open(copy);
    Map<String, String> provenance = new HashMap<>(opened.manifest().provenance());
    assertThat(provenance.remove(PackageEvaluation.TASK_FILE)).isEqualTo(tasks.toString());
    Manifest m = opened.manifest();
    ModelPackage.seal(
        copy,
        new Manifest(
            m.formatVersion(),
            m.encoder(),
            m.tokenizer(),
            m.tasks(),
            provenance,
            m.files(),
            m.modelFiles()));

    CliRun run = CliRun.of("optimize", copy.toString(), "--level", "int8");

    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "the package records no task file (name one with --task-file FILE)",
            "500 dev rows",
            "task 'intent'");
    assertThat(copy.resolve("model.int8.onnx")).doesNotExist();

    CliRun named =
        CliRun.of("optimize", copy.toString(), "--level", "int8", "--task-file", tasks.toString());
    assertThat(named.exitCode()).as(named.err() + named.out()).isZero();
    assertThat(copy.resolve("model.int8.onnx")).exists();

    CliRun missing =
        CliRun.of(
            "optimize",
            copy.toString(),
            "--level",
            "int8",
            "--task-file",
            dir.resolve("none.yml").toString(),
            "--out",
            dir.resolve("x.onnx").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--task-file", "none.yml", "is not a readable file");
  }

  @Test
  void aGraphWhoseHeadWasPerturbedFailsTheInt8GateAndWritesNothing() throws IOException {
    Model model = OnnxReader.read(pkg.resolve("model.onnx"));
    Tensor weight = model.graph().initializers().get("heads.intent.weight");
    assertThat(weight).as("the intent head's weight initializer").isNotNull();
    float[] values = weight.toFloatArray();
    for (int i = 0; i < values.length; i++) {
      values[i] = -values[i];
    }
    model
        .graph()
        .initializers()
        .put(weight.name(), Tensor.floats(weight.name(), weight.dims(), values));
    Path perturbed = pkg.resolve("perturbed.onnx");
    OnnxWriter.write(model, perturbed, WriteOptions.inline());
    Path out = dir.resolve("perturbed.int8.onnx");
    try {
      CliRun run =
          CliRun.of("optimize", perturbed.toString(), "--level", "int8", "--out", out.toString());

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.err())
          .contains("task 'intent' metric classification_accuracy", "FAIL", "no model file");
      assertThat(out).doesNotExist();
    } finally {
      Files.delete(perturbed);
    }
  }

  @Test
  void evalRefusesAMissingFileAFileThatIsNotOnnxAndAGraphWithoutATasksOutput() throws IOException {
    CliRun missing =
        CliRun.of("eval", pkg.toString(), "--model", dir.resolve("gone.onnx").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no such model file", "gone.onnx");

    Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model");
    CliRun notOnnx = CliRun.of("eval", pkg.toString(), "--model", text.toString());
    assertThat(notOnnx.exitCode()).isEqualTo(2);
    assertThat(notOnnx.err()).contains("notes.onnx");

    Path pruned = dir.resolve("intent-only.onnx");
    CliRun prune =
        CliRun.of(
            "optimize",
            pkg.toString(),
            "--level",
            "clean",
            "--tasks",
            "intent",
            "--out",
            pruned.toString());
    assertThat(prune.exitCode()).as(prune.err()).isZero();
    CliRun lacking = CliRun.of("eval", pkg.toString(), "--model", pruned.toString());
    assertThat(lacking.exitCode()).isEqualTo(2);
    assertThat(lacking.err()).contains("has no output 'ner.logits' for task 'ner'");
  }

  private static void copyPackage(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(pkg)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(pkg.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }
}
