package org.mtl4j.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.bench.BenchModels;
import org.mtl4j.bench.PlantedRegression;
import org.mtl4j.zoo.pkg.ModelPackage;
import picocli.CommandLine;

/** {@code bench} end to end on a tiny real model: reports, the gate's exit code, bad input. */
class BenchCommandTest {

  @TempDir static Path dir;

  static Path tiny;

  @BeforeAll
  static void models() {
    tiny = BenchModels.tinyPackage();
  }

  private record Run(int exit, String out, String err) {}

  private static Run bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = BenchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void reportsPredictAndRawSessionLatencyAsJson() throws Exception {
    Run r =
        bench(
            tiny.toString(),
            "--calls",
            "40",
            "--warmup",
            "5",
            "--json",
            "--report",
            dir.resolve("html").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("calls")).hasSize(2);
    assertThat(json.path("calls").get(0).path("name").asText()).startsWith("predict");
    assertThat(json.path("calls").get(1).path("name").asText()).startsWith("raw session");
    assertThat(json.path("calls").get(0).path("calls").asInt()).isEqualTo(40);
    assertThat(json.path("calls").get(0).path("p99_ms").asDouble())
        .isGreaterThanOrEqualTo(json.path("calls").get(0).path("p50_ms").asDouble())
        .isPositive();
    assertThat(json.path("ratio").path("ci_low").asDouble())
        .isLessThanOrEqualTo(json.path("ratio").path("median_ratio").asDouble());
    assertThat(json.path("facts").path("tasks")).hasSize(3);
    String html = Files.readString(dir.resolve("html/index.html"));
    assertThat(html).contains("data:image/png;base64,").contains("Latency CDF");
  }

  @Test
  void thePairedGateFailsAModelWithAPlantedSlowChain() throws Exception {
    ModelPackage pkg = ModelPackage.open(tiny);
    Path slow =
        BenchModels.write(
            PlantedRegression.plant(BenchModels.graph(pkg, pkg.manifest().tasks()), 40),
            dir.resolve("slow.onnx"));
    Run regressed =
        bench(
            slow.toString(),
            "--against",
            tiny.toString(),
            "--max-regression",
            "5%",
            "--calls",
            "40",
            "--warmup",
            "5");
    assertThat(regressed.exit()).as(regressed.out() + regressed.err()).isEqualTo(1);
    assertThat(regressed.out()).contains("gate: REGRESSION");
    Run reversed =
        bench(
            tiny.toString(),
            "--against",
            slow.toString(),
            "--max-regression",
            "5%",
            "--calls",
            "40",
            "--warmup",
            "5");
    assertThat(reversed.exit()).as(reversed.out() + reversed.err()).isZero();
    assertThat(reversed.out()).contains("gate: pass");
  }

  @Test
  void aBaselineTakenUnderOtherSettingsIsRefusedUnlessForced() {
    Path base = dir.resolve("base.json");
    Run saved =
        bench(
            tiny.toString(), "--save-baseline", base.toString(), "--calls", "30", "--warmup", "3");
    assertThat(saved.exit()).as(saved.err()).isZero();
    Run refused =
        bench(
            tiny.toString(),
            "--baseline",
            base.toString(),
            "--threads",
            "2",
            "--metric",
            "wall",
            "--calls",
            "30",
            "--warmup",
            "3");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err())
        .contains("was measured under other conditions")
        .contains("threads: baseline 1, now 2")
        .contains("--force");
    Run otherContract =
        bench(
            tiny.toString(),
            "--baseline",
            base.toString(),
            "--tasks",
            "intent",
            "--calls",
            "30",
            "--warmup",
            "3");
    assertThat(otherContract.exit()).isEqualTo(2);
    assertThat(otherContract.err()).contains("tasks: baseline");
    Run forced =
        bench(
            tiny.toString(),
            "--baseline",
            base.toString(),
            "--tasks",
            "intent",
            "--force",
            "--calls",
            "30",
            "--warmup",
            "3",
            "--max-regression",
            "5%");
    assertThat(forced.exit()).as(forced.err()).isIn(0, 1);
    assertThat(forced.out())
        .contains("now / baseline")
        .contains("note: compared despite a different tasks");
  }

  @Test
  void badInputExitsTwoWithAMessageNamingIt() throws Exception {
    Path notAModel = Files.writeString(dir.resolve("broken.onnx"), "not an onnx file");
    assertBad(bench(notAModel.toString(), "--calls", "5"), "broken.onnx");
    assertBad(bench(dir.resolve("nowhere").toString(), "--calls", "5"), "nowhere");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");
    assertBad(
        bench(tiny.toString(), "--texts", empty.toString(), "--calls", "5"),
        "empty.txt holds no texts");
    Path malformed = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": 3}\n");
    assertBad(
        bench(tiny.toString(), "--texts", malformed.toString(), "--calls", "5"),
        "bad.jsonl line 1");
    Path corrupt =
        Files.writeString(dir.resolve("corrupt.json"), "{\"format\": \"mtl4j-bench-baseline/1\"");
    assertBad(
        bench(tiny.toString(), "--baseline", corrupt.toString(), "--calls", "5"),
        "corrupt.json is not a valid");
    assertBad(
        bench(tiny.toString(), "--max-regression", "5%", "--calls", "5"), "--max-regression needs");
    assertBad(
        bench(
            tiny.toString(),
            "--max-regression",
            "lots",
            "--against",
            tiny.toString(),
            "--calls",
            "5"),
        "'lots' is not a share");
    assertBad(
        bench(tiny.toString(), "--metric", "cpu", "--threads", "2", "--calls", "5"),
        "--metric cpu needs --threads 1");
    assertBad(bench(tiny.toString(), "--tasks", "nope", "--calls", "5"), "has no task 'nope'");
  }

  private static void assertBad(Run r, String message) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }
}
