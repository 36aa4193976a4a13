package org.mtl4j.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.io.WriteOptions;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.TensorData;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.passes.GraphOptimizer;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.graph.passes.PassReport;
import org.mtl4j.graph.rewrite.GraphEditor;
import org.mtl4j.metrics.parity.NamedTensor;
import org.mtl4j.metrics.parity.ParityComparator;
import org.mtl4j.metrics.parity.ParityReport;
import org.mtl4j.metrics.parity.Tier;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.zoo.io.StagingFolder;
import org.mtl4j.zoo.pkg.ModelFiles;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * {@code mtl optimize}: reads a graph, keeps the requested heads, applies an {@link
 * OptimizationLevel}, and writes the result only when it passes the level's parity gate.
 *
 * <p>A graph with task heads inside a package is judged at the fused tier against the package's
 * reference outputs for the clean and fused levels. For the fp16 and int8 levels it is judged by
 * task metrics ({@link Tier#FP16}, {@link Tier#INT8}): the optimized graph and the package's fp32
 * {@code model.onnx} are scored on the same dev rows, those of the whole dev split of the package's
 * task file ({@link OptimizeRequest#devSplit()}) or else the reference's dev rows when it holds at
 * least {@value #MIN_DEV_ROWS} per task; without either the gate refuses to decide ({@link
 * GateUndecidedException}).
 *
 * <p>A graph without heads is judged against the unoptimized graph on the package's reference
 * inputs and generated ones: at the fused tier for clean and fused graphs, by per-row cosine
 * similarity of every output at real-token positions for fp16 (at least {@value #FP16_COSINE}) and
 * int8 (at least {@value #INT8_COSINE}).
 */
public final class ModelOptimizer {

  /** The smallest per-row cosine similarity an int8 graph without heads may have. */
  public static final double INT8_COSINE = 0.99;

  /** The smallest per-row cosine similarity an fp16 graph without heads may have. */
  public static final double FP16_COSINE = 0.999;

  /** Dev rows per task a reference needs for the int8 and fp16 tiers to judge task metrics. */
  public static final int MIN_DEV_ROWS = 500;

  /** The suffix of a task's output name ({@link TaskSpec#outputName()}). */
  private static final String LOGITS = ".logits";

  private ModelOptimizer() {}

  /**
   * @param request what to optimize and where to write it
   * @return what was written and the gate's verdict
   * @throws OptimizeGateException when the graph fails its gate (nothing is written)
   * @throws IllegalArgumentException for bad input (unreadable file, output over the input, unknown
   *     task, a gate that cannot decide), naming what was wrong
   */
  public static OptimizeResult optimize(OptimizeRequest request) {
    Path source = request.source().toAbsolutePath().normalize();
    Path target = request.out().toAbsolutePath().normalize();
    Model model = read(source);
    refuseOverwritingInputs(model, source, target);
    ModelPackage pkg = request.pkg() == null ? null : ModelPackage.open(request.pkg());
    if (!request.tasks().isEmpty()) {
      keepOutputs(model, request.tasks());
    }
    List<String> outputs = model.graph().outputs().stream().map(Value::name).toList();
    List<TaskSpec> tasks =
        pkg == null
            ? List.of()
            : pkg.manifest().tasks().stream()
                .filter(t -> outputs.contains(t.outputName()))
                .toList();
    ReferenceSet reference = pkg == null ? null : pkg.reference();
    Tier tier = tier(request.level());
    DevSplitScorer devRows =
        !tasks.isEmpty() && tier.requiresTaskMetrics()
            ? devRows(request.devSplit(), reference, tasks, tier)
            : null;
    byte[] unoptimized = tasks.isEmpty() ? OnnxWriter.toBytes(model) : null;
    long start = System.nanoTime();
    Map<String, PassReport> passes =
        GraphOptimizer.optimize(model, request.level(), request.keepFp32());
    double passSeconds = (System.nanoTime() - start) / 1e9;
    model.metadata().put(GraphExporter.FLAVOUR_KEY, request.level().cliName());
    String name = target.getFileName().toString();
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create " + target.getParent() + ": " + e.getMessage(), e);
    }
    try (StagingFolder staging = StagingFolder.create(target.getParent(), name)) {
      Path staged = staging.resolve(name);
      boolean external = model.graph().parameterBytes() > PackageExporter.EXTERNAL_DATA_THRESHOLD;
      OnnxWriter.write(
          model,
          staged,
          (external ? WriteOptions.externalData() : WriteOptions.inline())
              .withLocation(ModelFiles.externalDataName(name)));
      model = null;
      OptimizedGate gate;
      if (devRows != null) {
        gate = againstFp32(devRows, fp32(pkg, source), staged, tasks, tier);
      } else {
        try (InferenceSession runner = InferenceSession.open(staged, ParityGate.SESSION_OPTIONS)) {
          gate =
              tasks.isEmpty()
                  ? againstUnoptimized(runner, unoptimized, reference, tier)
                  : OptimizedGate.of(ParityGate.run(runner, reference, tasks, Tier.FUSED));
        }
      }
      if (!gate.passed()) {
        throw new OptimizeGateException(gate);
      }
      ModelFiles.install(target.getParent(), staging.path(), name);
      return new OptimizeResult(target, request.level(), passes, passSeconds, gate);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static Model read(Path source) {
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException(source + " is not a file");
    }
    try {
      return OnnxReader.read(source);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          source + " is not a readable ONNX model: " + e.getMessage(), e);
    }
  }

  /** Refuses an output that is the input or one of its external-data files. */
  private static void refuseOverwritingInputs(Model model, Path source, Path target) {
    Set<Path> inputs = new HashSet<>();
    inputs.add(source);
    for (Tensor t : model.graph().initializers().values()) {
      if (t.data() instanceof TensorData.FileRegion region) {
        inputs.add(region.file().toAbsolutePath().normalize());
      }
    }
    if (inputs.contains(target)) {
      throw new IllegalArgumentException(
          "the output "
              + target
              + " would overwrite the input model or its external data; choose another --out");
    }
  }

  /** Drops the graph outputs of other tasks, so their heads become dead code. */
  static void keepOutputs(Model model, List<String> taskNames) {
    List<String> names = model.graph().outputs().stream().map(Value::name).toList();
    for (String task : taskNames) {
      if (!names.contains(task + LOGITS)) {
        throw new IllegalArgumentException(
            "the model has no output for task '" + task + "'; its outputs: " + names);
      }
    }
    model
        .graph()
        .outputs()
        .removeIf(
            v ->
                v.name().endsWith(LOGITS)
                    && !taskNames.contains(
                        v.name().substring(0, v.name().length() - LOGITS.length())));
    new GraphEditor(model).removeUnused();
  }

  /**
   * @param level an optimization level
   * @return the tier its graph is judged at: fused for clean and fused graphs, else the level's own
   */
  static Tier tier(OptimizationLevel level) {
    return level == OptimizationLevel.CLEAN || level == OptimizationLevel.FUSED
        ? Tier.FUSED
        : Tier.parse(level.cliName());
  }

  /**
   * @param tier the fp16 or int8 tier
   * @return the smallest per-row cosine similarity a graph without heads may have at that tier
   */
  static double cosineThreshold(Tier tier) {
    return tier == Tier.FP16 ? FP16_COSINE : INT8_COSINE;
  }

  /** The fp32 graph the optimized one is compared with: the package's model.onnx when present. */
  private static Path fp32(ModelPackage pkg, Path source) {
    Path portable = pkg.dir().resolve(ModelPackage.MODEL_ONNX);
    return Files.isRegularFile(portable) ? portable : source;
  }

  /**
   * The rows a task-metric tier scores on: the dev split when it has rows for every task, else the
   * reference's dev rows when it holds {@value #MIN_DEV_ROWS} for every task.
   *
   * @throws GateUndecidedException naming what is missing when neither will do
   */
  private static DevSplitScorer devRows(
      DevSplitScorer devSplit, ReferenceSet reference, List<TaskSpec> tasks, Tier tier) {
    DevSplitScorer split =
        devSplit != null
            ? devSplit
            : DevSplitScorer.unavailable("no task file was given (--task-file FILE)");
    Map<String, Integer> splitRows = split.rows();
    String missing =
        tasks.stream()
            .map(TaskSpec::name)
            .filter(t -> !splitRows.containsKey(t))
            .findFirst()
            .orElse(null);
    if (missing == null) {
      return split;
    }
    ReferenceDevScorer fromReference = new ReferenceDevScorer(reference, tasks);
    Map<String, Integer> referenceRows = fromReference.rows();
    for (TaskSpec task : tasks) {
      int rows = referenceRows.get(task.name());
      if (rows < MIN_DEV_ROWS) {
        throw new GateUndecidedException(
            "the "
                + tier.cliName()
                + " tier judges task metrics on the whole dev split of the package's task file"
                + " or on at least "
                + MIN_DEV_ROWS
                + " dev rows per task of its reference; "
                + (splitRows.isEmpty()
                    ? split.source()
                    : split.source() + " has no rows for task '" + missing + "'")
                + "; the package's reference holds "
                + rows
                + " dev rows for task '"
                + task.name()
                + "', where one flipped row moves a metric by "
                + (rows == 0 ? "all" : String.format(Locale.ROOT, "%.1f", 100.0 / rows))
                + " points");
      }
    }
    return fromReference;
  }

  private static OptimizedGate againstFp32(
      DevSplitScorer devRows, Path fp32, Path candidate, List<TaskSpec> tasks, Tier tier) {
    List<String> names = tasks.stream().map(TaskSpec::name).toList();
    Map<String, TaskScore> reference = devRows.score(fp32, names);
    Map<String, TaskScore> optimized = devRows.score(candidate, names);
    return TaskMetricTierGate.judge(
        tier,
        "the fp32 graph " + fp32 + " on " + devRows.source(),
        tasks,
        devRows.rows(),
        reference,
        optimized);
  }

  private static OptimizedGate againstUnoptimized(
      InferenceSession candidate, byte[] unoptimized, ReferenceSet reference, Tier tier) {
    List<Map<String, long[][]>> batches = new ArrayList<>();
    if (reference != null) {
      reference.batches().forEach(b -> batches.add(ParityGate.inputs(b)));
    }
    batches.addAll(GeneratedInputs.batches(vocabularySize(unoptimized)));
    try (InferenceSession original =
        InferenceSession.open(unoptimized, ParityGate.SESSION_OPTIONS)) {
      if (tier == Tier.FUSED) {
        List<NamedTensor> ref = new ArrayList<>();
        List<NamedTensor> cand = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
          Map<String, FloatTensor> r = original.run(batches.get(i));
          Map<String, FloatTensor> c = candidate.run(batches.get(i));
          for (String name : r.keySet()) {
            ref.add(
                new NamedTensor("batch" + i + "/" + name, r.get(name).shape(), r.get(name).data()));
            FloatTensor ct = c.get(name);
            if (ct != null) {
              cand.add(new NamedTensor("batch" + i + "/" + name, ct.shape(), ct.data()));
            }
          }
        }
        ParityReport report = ParityComparator.compare(ref, cand, Tier.FUSED);
        GateReport gate = new GateReport(report, Map.of(), List.of());
        return new OptimizedGate(
            "the unoptimized graph",
            gate.passed(),
            gate.toText(),
            gate.toJsonNode(),
            gate.failures());
      }
      double threshold = cosineThreshold(tier);
      RowCosine worst = RowCosine.NONE;
      for (int i = 0; i < batches.size(); i++) {
        Map<String, FloatTensor> r = original.run(batches.get(i));
        Map<String, FloatTensor> c = candidate.run(batches.get(i));
        for (String name : r.keySet()) {
          worst =
              worst.min(
                  RowCosine.worst(
                      "batch" + i + "/" + name,
                      r.get(name),
                      c.get(name),
                      batches.get(i).get(OnnxContract.ATTENTION_MASK)));
        }
      }
      List<String> failures =
          worst.cosine() >= threshold
              ? List.of()
              : List.of(
                  "per-row cosine similarity "
                      + worst.cosine()
                      + " at "
                      + worst.row()
                      + " is below "
                      + threshold);
      return OptimizedGate.cosine(threshold, worst.cosine(), worst.row(), failures);
    }
  }

  /** The rows of the word-embedding table read by {@code input_ids}; 100 when not found. */
  private static int vocabularySize(byte[] model) {
    try {
      Model m = OnnxReader.read(new java.io.ByteArrayInputStream(model));
      GraphEditor g = new GraphEditor(m);
      for (Node n : g.consumers(OnnxContract.INPUT_IDS)) {
        if (n.opType().equals("Gather")) {
          Optional<Tensor> table = g.constant(n.inputs().get(0));
          if (table.isPresent() && table.get().rank() == 2) {
            return (int) Math.min(Integer.MAX_VALUE, table.get().dims()[0]);
          }
        }
      }
      return 100;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Token batches for a graph's generated gate inputs. */
  static final class GeneratedInputs {
    private GeneratedInputs() {}

    static List<Map<String, long[][]>> batches(int vocabulary) {
      Random random = new Random(13);
      List<Map<String, long[][]>> out = new ArrayList<>();
      int[][] shapes = {{1, 1}, {2, 16}, {4, 64}};
      for (int[] shape : shapes) {
        long[][] ids = new long[shape[0]][shape[1]];
        long[][] mask = new long[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
          int real = r == 0 ? shape[1] : Math.max(1, shape[1] / (r + 1));
          for (int s = 0; s < shape[1]; s++) {
            ids[r][s] = s < real ? 1 + random.nextInt(Math.max(1, vocabulary - 1)) : 0;
            mask[r][s] = s < real ? 1 : 0;
          }
        }
        out.add(
            Map.of(
                OnnxContract.INPUT_IDS,
                ids,
                OnnxContract.ATTENTION_MASK,
                mask,
                OnnxContract.TOKEN_TYPE_IDS,
                new long[shape[0]][shape[1]]));
      }
      return out;
    }
  }
}
