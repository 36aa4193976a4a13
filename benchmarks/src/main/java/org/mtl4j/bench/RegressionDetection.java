package org.mtl4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.bench.cli.BenchCommand;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pretrained.PretrainedSource;
import picocli.CommandLine;

/**
 * How well the latency gate separates real regressions from noise: plants regressions of about +10
 * % and +25 % in the benchmark MiniLM model ({@link PlantedRegression}), then runs each gate form
 * ({@code mtl bench NEW --against OLD --max-regression 5%} and {@code mtl bench NEW --baseline
 * base.json --max-regression 5%}) repeatedly on the unchanged model and on each regressed one,
 * while another process loads one core: a busy loop started here, or (with {@code external}) a
 * process the caller runs beside it. Each gate run is one {@code bench} command (parsing, model
 * loading, warm-up, measurement, decision) executed in this JVM, so the JVM's own start-up is not
 * repeated. Prints every run and the detection and false-alarm counts. Not a unit test: it takes
 * about an hour.
 *
 * <p>Run: {@code mvn -B -o -q package -pl benchmarks -am -DskipTests}, then {@code nice java -cp
 * benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)
 * org.mtl4j.bench.RegressionDetection WORKDIR [runs 10] [seconds per gate run 30] [MatMuls for +10
 * %] [MatMuls for +25 %] [busy|external]}.
 */
public final class RegressionDetection {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegressionDetection() {}

  /** One gate run's outcome. */
  private record Outcome(int exit, double ratio, double low, double high, double seconds) {}

  /**
   * @param args WORKDIR [runs] [seconds per gate run] [MatMuls for +10 %] [MatMuls for +25 %] [busy
   *     (a busy loop loads a core) or external (another process already does)]
   * @throws Exception when a model cannot be built or a run cannot start
   */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int k10 = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int k25 = args.length > 4 ? Integer.parseInt(args[4]) : 25;
    Files.createDirectories(work);
    Map<String, Path> models = models(work, k10, k25);
    Path base = models.get("unchanged");
    Path baseline = work.resolve("base.json");
    boolean busyLoop = args.length <= 5 || !args[5].equals("external");
    Process load = busyLoop ? new ProcessBuilder("sh", "-c", "while :; do :; done").start() : null;
    try {
      Outcome saved =
          bench(List.of(base.toString(), "--save-baseline", baseline.toString()), seconds);
      System.out.printf(
          Locale.ROOT, "baseline saved in %.1f s (exit %d)%n", saved.seconds(), saved.exit());
      Map<String, List<Outcome>> results = new LinkedHashMap<>();
      for (int r = 1; r <= runs; r++) {
        for (Map.Entry<String, Path> m : models.entrySet()) {
          String model = m.getValue().toString();
          record(
              results,
              m.getKey() + " paired",
              r,
              bench(
                  List.of(model, "--against", base.toString(), "--max-regression", "5%"), seconds));
          record(
              results,
              m.getKey() + " baseline",
              r,
              bench(
                  List.of(model, "--baseline", baseline.toString(), "--max-regression", "5%"),
                  seconds));
        }
      }
      System.out.println();
      System.out.println("summary (gate: --max-regression 5%; exit 1 = regression reported)");
      for (Map.Entry<String, List<Outcome>> e : results.entrySet()) {
        List<Outcome> list = e.getValue();
        long alarms = list.stream().filter(o -> o.exit() == 1).count();
        long errors = list.stream().filter(o -> o.exit() != 0 && o.exit() != 1).count();
        double[] ratios = list.stream().mapToDouble(Outcome::ratio).sorted().toArray();
        System.out.printf(
            Locale.ROOT,
            "%-20s regressions reported %d of %d (errors %d) | ratio median %.3f, range %.3f..%.3f | longest run %.1f s%n",
            e.getKey(),
            alarms,
            list.size(),
            errors,
            ratios[ratios.length / 2],
            ratios[0],
            ratios[ratios.length - 1],
            list.stream().mapToDouble(Outcome::seconds).max().orElse(0));
      }
    } finally {
      if (load != null) {
        load.destroy();
      }
    }
  }

  private static void record(Map<String, List<Outcome>> results, String key, int run, Outcome o) {
    results.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
    System.out.printf(
        Locale.ROOT,
        "run %2d %-20s exit %d ratio %s [%.3f, %.3f] %.1f s%n",
        run,
        key,
        o.exit(),
        String.format(Locale.ROOT, "%.3f", o.ratio()),
        o.low(),
        o.high(),
        o.seconds());
    System.out.flush();
  }

  private static Map<String, Path> models(Path work, int k10, int k25) {
    ModelPackage pkg =
        BenchModels.writePackage(
            PretrainedSource.ALL_MINILM_L6_V2.load(), BenchModels.SINGLE, work.resolve("package"));
    Map<String, Path> models = new LinkedHashMap<>();
    models.put(
        "unchanged",
        BenchModels.write(
            BenchModels.graph(pkg, BenchModels.SINGLE), work.resolve("unchanged.onnx")));
    models.put(
        "+10%",
        BenchModels.write(
            PlantedRegression.plant(BenchModels.graph(pkg, BenchModels.SINGLE), k10),
            work.resolve("plus10.onnx")));
    models.put(
        "+25%",
        BenchModels.write(
            PlantedRegression.plant(BenchModels.graph(pkg, BenchModels.SINGLE), k25),
            work.resolve("plus25.onnx")));
    return models;
  }

  /** Runs one {@code bench} command with JSON output and returns its exit code and ratio. */
  private static Outcome bench(List<String> args, int seconds) throws IOException {
    List<String> command = new ArrayList<>(args);
    command.addAll(List.of("--duration", seconds + "s", "--json"));
    StringWriter out = new StringWriter();
    CommandLine cli = BenchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    long t0 = System.nanoTime();
    int exit = cli.execute(command.toArray(String[]::new));
    double took = (System.nanoTime() - t0) / 1e9;
    JsonNode ratio = out.toString().isBlank() ? null : JSON.readTree(out.toString()).path("ratio");
    if (ratio == null || ratio.isMissingNode()) {
      return new Outcome(exit, Double.NaN, Double.NaN, Double.NaN, took);
    }
    return new Outcome(
        exit,
        ratio.path("median_ratio").asDouble(),
        ratio.path("ci_low").asDouble(),
        ratio.path("ci_high").asDouble(),
        took);
  }
}
