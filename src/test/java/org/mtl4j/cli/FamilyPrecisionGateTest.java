package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.train.trainer.TinyTasks;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;

/**
 * The int8 and fp16 levels of {@code mtl optimize} on every family but BERT (whose gates {@link
 * TaskMetricGateTest} covers): one package per family, trained from its tiny preset on the four
 * tiny tasks and exported, through the whole-dev-split task-metric gate of its tier; the file's
 * recorded level and passes as {@code mtl inspect} shows them; the gate's figures as {@code mtl
 * eval --model} computes them.
 */
class FamilyPrecisionGateTest {

  /** Dev rows per task: one flipped row moves a metric by 0.5 points, inside the int8 tier. */
  private static final int DEV_ROWS = 200;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Map<String, Double>>> METRICS =
      new TypeReference<>() {};
  private static final Map<EncoderFamily, Path> PACKAGES = new EnumMap<>(EncoderFamily.class);

  @TempDir static Path shared;
  private static Path tasks;

  @BeforeAll
  static void writeTasks() {
    tasks = TinyTasks.write(shared.resolve("data"), 48, DEV_ROWS, 7);
  }

  /** The family's trained and exported package, made on first use. */
  private static Path trained(EncoderFamily family) {
    return PACKAGES.computeIfAbsent(
        family,
        f -> {
          Path pkg = shared.resolve(f.modelType());
          CliRun train = CliRun.of(TinyTasks.trainArgs(tasks, pkg, Presets.tiny(f).name(), 6));
          assertThat(train.exitCode()).as(train.err()).isZero();
          CliRun export = CliRun.of("export", pkg.toString());
          assertThat(export.exitCode()).as(export.err()).isZero();
          return pkg;
        });
  }

  @ParameterizedTest
  @EnumSource(value = EncoderFamily.class, names = "BERT", mode = EnumSource.Mode.EXCLUDE)
  void int8PassesTheInt8TierWithTheFiguresEvalComputes(EncoderFamily family) throws IOException {
    GateFigures gate = optimize(family, OptimizationLevel.INT8, "quantize-matmul-int8");

    assertThat(gate.largestDifferencePoints()).as(family.name()).isLessThanOrEqualTo(1.0);
  }

  @ParameterizedTest
  @EnumSource(value = EncoderFamily.class, names = "BERT", mode = EnumSource.Mode.EXCLUDE)
  void fp16PassesTheFp16TierWithTheFiguresEvalComputes(EncoderFamily family) throws IOException {
    GateFigures gate = optimize(family, OptimizationLevel.FP16, "convert-float16");

    assertThat(gate.lowestArgmaxAgreement()).as(family.name()).isGreaterThanOrEqualTo(0.995);
    assertThat(gate.largestDifferencePoints()).as(family.name()).isLessThanOrEqualTo(0.2);
  }

  /**
   * Runs {@code mtl optimize PKG --level LEVEL --task-file TASKS --json} on the family's package
   * and checks what every level shares: exit 0, the file beside {@code model.onnx}, its recorded
   * level and passes, a gate on every dev row of every task whose figures are {@code mtl eval
   * --model}'s.
   *
   * @param levelPass a pass of the level's own stage that must have changed the graph
   * @return the gate's figures, for the tier's own limits
   */
  private static GateFigures optimize(
      EncoderFamily family, OptimizationLevel level, String levelPass) throws IOException {
    Path pkg = trained(family);
    Path portable = pkg.resolve("model.onnx");

    CliRun run =
        CliRun.of(
            "optimize",
            pkg.toString(),
            "--level",
            level.cliName(),
            "--task-file",
            tasks.toString(),
            "--json");

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode result = JSON.readTree(run.out());
    Path written = pkg.resolve(level.fileName("model.onnx"));
    assertThat(written).exists();
    assertThat(result.get("model").asText()).isEqualTo(written.toString());
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.at("/parity/tier").asText()).isEqualTo(level.cliName());
    assertThat(result.get("gateAgainst").asText())
        .contains(portable.toString(), "the dev split of " + tasks);

    List<String> applied = GateFigures.appliedPasses(result);
    assertThat(applied).contains("fuse-skip-layer-norm", levelPass);
    CliRun inspect = CliRun.of("inspect", written.toString(), "--json");
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    JsonNode metadata = JSON.readTree(inspect.out()).get("metadata");
    assertThat(metadata.get(OptimizationLevel.LEVEL_KEY).asText()).isEqualTo(level.cliName());
    assertThat(List.of(metadata.get(OptimizationLevel.PASSES_KEY).asText().split(",")))
        .isEqualTo(applied);

    GateFigures gate = GateFigures.of(result.get("parity"));
    assertThat(gate.rows()).containsOnlyKeys("intent", "ner", "pair", "tags");
    assertThat(gate.rows().values()).containsOnly(DEV_ROWS);
    assertThat(gate.fp32()).isEqualTo(eval(pkg, portable));
    assertThat(gate.candidate()).isEqualTo(eval(pkg, written));
    return gate;
  }

  private static Map<String, Map<String, Double>> eval(Path pkg, Path model) throws IOException {
    CliRun run = CliRun.of("eval", pkg.toString(), "--model", model.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readValue(run.out(), METRICS);
  }
}
