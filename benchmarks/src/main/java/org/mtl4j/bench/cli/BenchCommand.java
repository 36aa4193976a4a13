package org.mtl4j.bench.cli;

import ai.onnxruntime.OrtEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mtl4j.bench.gate.Baseline;
import org.mtl4j.bench.gate.RunFacts;
import org.mtl4j.bench.report.BenchReport;
import org.mtl4j.bench.report.CallReport;
import org.mtl4j.bench.report.HtmlReport;
import org.mtl4j.bench.run.AlternatingRunner;
import org.mtl4j.bench.run.BenchCall;
import org.mtl4j.bench.run.BenchInputException;
import org.mtl4j.bench.run.CalibrationCall;
import org.mtl4j.bench.run.ConcurrentRunner;
import org.mtl4j.bench.run.DevSplit;
import org.mtl4j.bench.run.DevTexts;
import org.mtl4j.bench.run.Metric;
import org.mtl4j.bench.run.ModelUnderTest;
import org.mtl4j.bench.run.RunLimits;
import org.mtl4j.bench.run.Samples;
import org.mtl4j.bench.run.SequenceCall;
import org.mtl4j.bench.run.Workload;
import org.mtl4j.bench.run.Workloads;
import org.mtl4j.bench.stats.Bootstrap;
import org.mtl4j.bench.stats.GateDecision;
import org.mtl4j.bench.stats.LatencySummary;
import org.mtl4j.bench.stats.RatioEstimate;
import org.mtl4j.runtime.ExecutionProvider;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.OptimizationLevel;
import org.mtl4j.runtime.ProviderFallback;
import org.mtl4j.runtime.RuntimeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mtl bench}: end-to-end {@code predict} and raw session latency of a model on a workload; a
 * paired comparison against other models ({@code --against}); and the latency regression gate,
 * either paired against the released model or against a saved baseline that is measured relative to
 * a calibration graph. Exit codes: 0 ok, 1 the gate found a regression, 2 bad usage or input.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures predict latency (tokenize, run, decode) and raw session latency on a workload,",
      "compares models call by call (--against), and gates releases on latency regressions",
      "(--max-regression with --against, or with --baseline written by --save-baseline)."
    })
public final class BenchCommand implements Callable<Integer> {

  /** The bootstrap seed: reports of the same samples are identical. */
  static final long SEED = 20261202L;

  private static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);

  @Spec CommandSpec spec;

  private final DevTexts devTexts;

  @Parameters(
      index = "0",
      paramLabel = "MODEL|PKG",
      description = "package directory or exported .onnx")
  Path model;

  @Option(
      names = "--against",
      split = ",",
      paramLabel = "B",
      description = "compare with these models (several run one after another per call)")
  List<Path> against = new ArrayList<>();

  @Option(
      names = "--texts",
      paramLabel = "FILE",
      description =
          ".txt (one text per line) or .jsonl (text, text_b); default: the package's dev texts")
  Path texts;

  @Option(
      names = "--lengths",
      split = ",",
      paramLabel = "N",
      description = "synthetic texts of these token lengths")
  List<Integer> lengths = new ArrayList<>();

  @Option(
      names = "--batches",
      split = ",",
      paramLabel = "N",
      description = "inputs per call (default 1)")
  List<Integer> batches = new ArrayList<>(List.of(1));

  @Option(
      names = "--tasks",
      split = ",",
      paramLabel = "TASK",
      description = "tasks to predict (default: all that fit the input)")
  List<String> tasks = new ArrayList<>();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "intra-op threads of every session (default 1)")
  int threads = 1;

  @Option(
      names = "--provider",
      paramLabel = "EP",
      description = "execution provider: ${COMPLETION-CANDIDATES} (default CPU)")
  ExecutionProvider.Kind provider = ExecutionProvider.Kind.CPU;

  @Option(
      names = "--metric",
      paramLabel = "TIME",
      description =
          "time compared: wall or cpu (default: cpu, the calling thread's, with --threads 1; wall otherwise)")
  String metric;

  @Option(names = "--warmup", paramLabel = "N", description = "untimed rounds first (default 30)")
  int warmup = 30;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      description = "timed run length, e.g. 30s (default 20s unless --calls)")
  String duration;

  @Option(names = "--calls", paramLabel = "N", description = "timed rounds at most")
  int calls;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "concurrent callers through the micro-batcher (default 1)")
  int concurrency = 1;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "write an HTML page with histograms and CDF plots")
  Path reportDir;

  @Option(
      names = "--max-regression",
      paramLabel = "SHARE",
      description = "gate: exit 1 when slower by more than this, e.g. 5%")
  String maxRegression;

  @Option(
      names = "--save-baseline",
      paramLabel = "FILE",
      description = "save this run as a baseline (relative to the calibration graph)")
  Path saveBaseline;

  @Option(names = "--baseline", paramLabel = "FILE", description = "compare with a saved baseline")
  Path baseline;

  @Option(names = "--force", description = "compare with a baseline taken under other settings")
  boolean force;

  /**
   * @param devTexts reads a package's dev texts, the default workload
   */
  public BenchCommand(DevTexts devTexts) {
    this.devTexts = devTexts;
  }

  /**
   * @return a command line running only this command, with the project's exit codes (2 for bad
   *     input), without a task-file reader (packages' dev texts are not read); the {@code mtl} CLI
   *     registers the command itself
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BenchCommand(DevTexts.UNAVAILABLE));
    cli.setExitCodeExceptionMapper(
        ex ->
            ex instanceof IllegalArgumentException || ex instanceof CommandLine.ParameterException
                ? 2
                : 1);
    cli.setExecutionExceptionHandler(
        (ex, line, parse) -> {
          line.getErr().println("error: " + ex.getMessage());
          return ex instanceof IllegalArgumentException ? 2 : 1;
        });
    return cli;
  }

  /**
   * Runs {@code bench} alone (benchmark scripts); the {@code mtl} CLI is the usual way in.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  @Override
  public Integer call() throws Exception {
    validate();
    Metric compared = metric != null ? Metric.parse(metric) : Metric.defaultFor(threads);
    double allowed =
        maxRegression == null ? Double.NaN : Quantities.fraction("--max-regression", maxRegression);
    RunLimits limits =
        new RunLimits(
            warmup,
            calls,
            duration != null
                ? Quantities.duration("--duration", duration)
                : calls > 0 ? Duration.ZERO : DEFAULT_DURATION);
    List<String> notes = new ArrayList<>();
    Workload given =
        texts != null
            ? Workloads.fromFile(texts, batches.get(0))
            : lengths.isEmpty() ? defaultWorkload(notes) : null;
    Baseline base = baseline == null ? null : Baseline.read(baseline);
    boolean pairs = given != null && given.batches().get(0).get(0).isPair();
    RuntimeOptions options =
        RuntimeOptions.builder()
            .optIntraOpThreads(threads)
            .optProvider(new ExecutionProvider(provider, java.util.Map.of()))
            .optFallback(ProviderFallback.CPU_WITH_WARNING)
            .optSpinning(false)
            .build();
    List<ModelUnderTest> loaded = new ArrayList<>();
    List<BenchCall> measured = new ArrayList<>();
    try {
      ModelUnderTest a = ModelUnderTest.load(model, options, tasks, pairs);
      loaded.add(a);
      Workload workload = given != null ? given : synthetic(a);
      int calibrationLayers =
          base != null
              ? CalibrationCall.layersOf(base.facts().calibration())
              : CalibrationCall.layersFor(a.onnx());
      RunFacts facts =
          new RunFacts(
              inputNames(a),
              a.contractTasks(),
              workload.description(),
              workload.digest(),
              OrtEnvironment.getEnvironment().getVersion(),
              threads,
              provider.name(),
              compared.name(),
              CalibrationCall.id(calibrationLayers),
              Machine.describe());
      measured.add(a.predictCall("predict " + model.getFileName(), workload));
      if (concurrency > 1) {
        return report(concurrent(a, workload, limits, facts, notes), Double.NaN);
      }
      if (!against.isEmpty()) {
        List<BenchCall> parts = new ArrayList<>();
        for (Path b : against) {
          ModelUnderTest other = ModelUnderTest.load(b, options, List.of(), pairs);
          loaded.add(other);
          parts.add(other.predictCall("predict " + b.getFileName(), workload));
        }
        measured.add(parts.size() == 1 ? parts.get(0) : new SequenceCall(parts));
      } else if (base != null || saveBaseline != null) {
        if (base != null) {
          List<String> mismatches = facts.mismatches(base.facts());
          if (!mismatches.isEmpty() && !force) {
            throw new BenchInputException(
                "baseline "
                    + baseline
                    + " was measured under other conditions: "
                    + String.join("; ", mismatches)
                    + " (use --force to compare anyway)");
          }
          mismatches.forEach(m -> notes.add("compared despite a different " + m));
        }
        measured.add(new CalibrationCall(options, a.pack(workload), calibrationLayers));
      } else {
        measured.add(a.rawCall(workload, options));
      }
      List<Samples> samples = AlternatingRunner.run(measured, workload, limits);
      Bootstrap bootstrap = new Bootstrap(Bootstrap.DEFAULT_RESAMPLES, SEED);
      long[] first = samples.get(0).of(compared);
      long[] second = samples.get(1).of(compared);
      String label;
      RatioEstimate ratio;
      if (base != null) {
        label = "now / baseline (model relative to calibration)";
        ratio = bootstrap.ratioChange(first, second, base.modelNanos(), base.calibrationNanos());
        notes.add(
            "baseline "
                + baseline
                + " of "
                + base.model()
                + ", "
                + base.created()
                + ", on "
                + base.facts().machine());
      } else {
        label = samples.get(0).name() + " / " + samples.get(1).name();
        ratio = bootstrap.pairedRatio(first, second);
      }
      if (saveBaseline != null) {
        new Baseline(
                Baseline.FORMAT, model.toString(), Instant.now().toString(), facts, first, second)
            .write(saveBaseline);
        notes.add("baseline written to " + saveBaseline);
      }
      GateDecision decision = Double.isNaN(allowed) ? null : GateDecision.decide(ratio, allowed);
      List<CallReport> reports =
          samples.stream()
              .map(
                  s ->
                      CallReport.of(
                          s.name(),
                          LatencySummary.histogram(s.wall()),
                          s.throughput(),
                          LatencySummary.of(s.cpu())))
              .toList();
      return report(
          new BenchReport(model.toString(), facts, reports, label, ratio, decision, notes),
          allowed);
    } finally {
      measured.forEach(BenchCall::close);
      loaded.forEach(m -> m.model().close());
    }
  }

  private void validate() {
    boolean gateBaseline = baseline != null || saveBaseline != null;
    if (!against.isEmpty() && gateBaseline) {
      throw new BenchInputException(
          "--against compares two models in one run; it cannot be combined with --baseline or --save-baseline");
    }
    if (baseline != null && saveBaseline != null) {
      throw new BenchInputException(
          "give either --baseline (compare) or --save-baseline (record), not both");
    }
    if (maxRegression != null && against.isEmpty() && baseline == null) {
      throw new BenchInputException("--max-regression needs --against OLD or --baseline FILE");
    }
    if (concurrency < 1) {
      throw new BenchInputException("--concurrency must be at least 1, was " + concurrency);
    }
    if (concurrency > 1 && (!against.isEmpty() || gateBaseline)) {
      throw new BenchInputException(
          "--concurrency measures one model; it cannot be combined with --against or baselines");
    }
    if (texts != null && !lengths.isEmpty()) {
      throw new BenchInputException("give either --texts or --lengths, not both");
    }
    if (texts != null && batches.size() > 1) {
      throw new BenchInputException("--texts takes one --batches size, got " + batches);
    }
    if (threads < 1) {
      throw new BenchInputException("--threads must be at least 1, was " + threads);
    }
    if (metric != null && Metric.parse(metric) == Metric.CPU && threads > 1) {
      throw new BenchInputException(
          "--metric cpu needs --threads 1: with more intra-op threads the calling"
              + " thread does only part of the work; use --metric wall");
    }
    if (batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
      throw new BenchInputException("--batches must list sizes of at least 1, got " + batches);
    }
  }

  /**
   * The package's dev texts, or the built-in sentences with a note saying why not.
   *
   * @param notes where the note goes
   */
  private Workload defaultWorkload(List<String> notes) {
    int batch = batches.get(0);
    if (!Files.isDirectory(model)) {
      return Workloads.builtIn(batch);
    }
    String why;
    try {
      Optional<DevSplit> split = devTexts.read(model);
      if (split.isPresent()) {
        return Workloads.fromDevSplit(split.get(), tasks, batch);
      }
      why = model + " records no task file (manifest provenance \"task_file\")";
    } catch (RuntimeException e) {
      why = "cannot use the dev texts of " + model + ": " + e.getMessage();
    }
    notes.add("built-in sentences measured: " + why);
    return Workloads.builtIn(batch);
  }

  private Workload synthetic(ModelUnderTest a) {
    List<String> names = a.taskNames();
    return Workloads.synthetic(
        lengths,
        batches,
        text -> a.model().tokenize(ModelInput.of(text), names).length(),
        a.model().manifest().tokenizer().maxLength());
  }

  private static List<String> inputNames(ModelUnderTest a) {
    RuntimeOptions names =
        RuntimeOptions.builder()
            .optIntraOpThreads(1)
            .optOptimizationLevel(OptimizationLevel.NONE)
            .build();
    try (InferenceSession s = InferenceSession.open(a.onnx(), names)) {
      return s.inputNames().stream().sorted().toList();
    }
  }

  private BenchReport concurrent(
      ModelUnderTest a, Workload workload, RunLimits limits, RunFacts facts, List<String> notes)
      throws Exception {
    ConcurrentRunner.Result r =
        ConcurrentRunner.run(a.model(), workload, a.taskNames(), concurrency, limits);
    CallReport call =
        CallReport.of(
            "predict " + model.getFileName() + " (" + concurrency + " callers, micro-batched)",
            r.histogram(),
            r.throughput(),
            null);
    String note =
        String.format(
            java.util.Locale.ROOT,
            "process CPU time per request: %.3f ms (all threads)",
            r.meanCpu() / 1e6);
    notes.add(note);
    return new BenchReport(model.toString(), facts, List.of(call), null, null, null, notes);
  }

  private int report(BenchReport report, double allowed) {
    StringWriter text = new StringWriter();
    report.printText(new PrintWriter(text));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report.toJson().toPrettyString() + System.lineSeparator() : text);
    out.flush();
    if (reportDir != null) {
      Path page = HtmlReport.write(report, text.toString(), reportDir);
      spec.commandLine().getErr().println("report: " + page);
    }
    return report.decision() != null && report.decision().regression() ? 1 : 0;
  }
}
