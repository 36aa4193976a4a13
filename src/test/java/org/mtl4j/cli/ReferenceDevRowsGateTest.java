package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.trainer.TinyTasks;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.ReferenceBatch;

/**
 * The reference fallback of the int8 and fp16 gates: a tiny BERT package trained with {@code
 * --reference-dev-rows 500} on a task file whose dev split holds 500 rows per task, except 499 for
 * {@code pair}, which is then moved away so the package's recorded task file cannot be read. Its
 * heads with 500 reference dev rows are judged without a task file, on the same figures the task
 * file's dev split gives; with {@code pair} the gate cannot decide and names the count.
 */
class ReferenceDevRowsGateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Map<String, Double>>> METRICS =
      new TypeReference<>() {};
  private static final List<String> FULL_TASKS = List.of("intent", "ner", "tags");

  @TempDir static Path shared;
  private static Path pkg;
  private static Path movedTasks;

  @TempDir Path dir;

  @BeforeAll
  static void trainOnTheWholeDevSplitThenMoveTheTaskFile() throws IOException {
    Path data = shared.resolve("data");
    Path tasks = TinyTasks.write(data, 48, 500, 7);
    Path pairDev = data.resolve("pair_dev.tsv");
    List<String> pairRows = Files.readAllLines(pairDev);
    Files.write(pairDev, pairRows.subList(0, 499));
    pkg = shared.resolve("pkg");
    CliRun train =
        CliRun.of(TinyTasks.trainArgs(tasks, pkg, "tiny-bert", 4, "--reference-dev-rows", "500"));
    assertThat(train.exitCode()).as(train.err()).isZero();
    CliRun export = CliRun.of("export", pkg.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    movedTasks = Files.move(data, shared.resolve("moved")).resolve("tasks.yml");
  }

  @Test
  void theReferenceHoldsTheRequestedDevRowsInEvaluationSizedBatches() {
    Map<String, Integer> rows = new HashMap<>();
    for (ReferenceBatch b : ModelPackage.open(pkg).reference().batches()) {
      if (b.isDev()) {
        assertThat(b.batchSize()).as(b.name()).isLessThanOrEqualTo(64);
        b.gold().keySet().forEach(task -> rows.merge(task, b.batchSize(), Integer::sum));
      }
    }
    assertThat(rows)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("intent", 500, "ner", 500, "tags", 500, "pair", 499));
  }

  @Test
  void fiveHundredReferenceDevRowsPerTaskLetInt8DecideWithoutATaskFile() throws IOException {
    Path fromReference = dir.resolve("reference.int8.onnx");

    CliRun run = optimizeInt8(fromReference);

    JsonNode result = JSON.readTree(run.out());
    JsonNode parity = run.exitCode() == 0 ? result.get("parity") : result;
    GateFigures gate = GateFigures.of(parity);
    boolean withinTier = gate.largestDifferencePoints() <= 1.0;
    assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(withinTier ? 0 : 1);
    assertThat(Files.exists(fromReference)).isEqualTo(withinTier);
    assertThat(parity.get("tier").asText()).isEqualTo("int8");
    assertThat(gate.rows()).containsOnlyKeys(FULL_TASKS);
    assertThat(gate.rows().values()).containsOnly(500);
    if (withinTier) {
      assertThat(result.get("gateAgainst").asText())
          .contains("the package's reference dev rows")
          .doesNotContain("tasks.yml");
    }
    Map<String, Map<String, Double>> fp32 = eval(pkg.resolve("model.onnx"));
    fp32.keySet().retainAll(FULL_TASKS);
    assertThat(gate.fp32()).isEqualTo(fp32);

    CliRun split =
        optimizeInt8(dir.resolve("split.int8.onnx"), "--task-file", movedTasks.toString());
    JsonNode splitResult = JSON.readTree(split.out());
    assertThat(split.exitCode()).as(split.err() + split.out()).isEqualTo(run.exitCode());
    GateFigures onSplit =
        GateFigures.of(split.exitCode() == 0 ? splitResult.get("parity") : splitResult);
    assertThat(onSplit.fp32()).isEqualTo(gate.fp32());
    assertThat(onSplit.candidate()).isEqualTo(gate.candidate());
    assertThat(onSplit.rows()).isEqualTo(gate.rows());
  }

  @Test
  void fewerThanFiveHundredReferenceDevRowsForATaskLeaveTheGateUndecided() {
    for (String level : List.of("int8", "fp16")) {
      CliRun run = CliRun.of("optimize", pkg.toString(), "--level", level);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
      assertThat(run.err())
          .contains(
              "the " + level + " tier judges task metrics",
              "at least 500 dev rows per task",
              "is not readable (name one with --task-file FILE)",
              "the package's reference holds 499 dev rows for task 'pair'",
              "moves a metric by 0.2 points");
      assertThat(pkg.resolve("model." + level + ".onnx")).doesNotExist();
    }
  }

  @Test
  void aReferenceOfNoDevRowsIsRefusedBeforeTraining() {
    Path out = dir.resolve("none");

    CliRun run =
        CliRun.of(
            TinyTasks.trainArgs(movedTasks, out, "tiny-bert", 1, "--reference-dev-rows", "0"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("reference dev rows must be at least 1, was 0");
    assertThat(out).doesNotExist();
  }

  private static CliRun optimizeInt8(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "optimize",
                pkg.toString(),
                "--level",
                "int8",
                "--tasks",
                String.join(",", FULL_TASKS),
                "--out",
                out.toString(),
                "--json"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static Map<String, Map<String, Double>> eval(Path model) throws IOException {
    CliRun run =
        CliRun.of(
            "eval",
            pkg.toString(),
            "--model",
            model.toString(),
            "--tasks",
            movedTasks.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readValue(run.out(), METRICS);
  }
}
