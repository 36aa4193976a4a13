package org.mtl4j.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * {@code mtl optimize}: reads a graph, keeps the requested heads, applies an {@link
 * OptimizationLevel}, and writes the result only when it passes its parity gate. A graph with task
 * heads inside a package is judged against the package's reference outputs (the fused tier for
 * clean and fused graphs; int8 needs task metrics on at least {@value #MIN_DEV_ROWS} dev rows per
 * task, and the gate refuses to decide on fewer). A graph without heads is judged against the
 * unoptimized graph on the package's reference inputs and generated ones: at the fused tier for
 * clean and fused graphs, by per-row cosine similarity of every output at real-token positions for
 * int8 (at least {@value #INT8_COSINE}).
 */
public final class ModelOptimizer {

  /** The smallest per-row cosine similarity an int8 graph without heads may have. */
  public static final double INT8_COSINE = 0.99;

  /** Dev rows per task the int8 and fp16 tiers need to judge task metrics. */
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
    if (!tasks.isEmpty() && request.level() == OptimizationLevel.INT8) {
      requireEnoughDevRows(reference, tasks, request.level());
    }
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
          model, staged, external ? WriteOptions.externalData() : WriteOptions.inline());
      model = null;
      OptimizedGate gate;
      try (InferenceSession runner = InferenceSession.open(staged, ParityGate.SESSION_OPTIONS)) {
        gate =
            tasks.isEmpty()
                ? againstUnoptimized(runner, unoptimized, reference, request.level())
                : OptimizedGate.of(ParityGate.run(runner, reference, tasks, Tier.FUSED));
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

  private static void requireEnoughDevRows(
      ReferenceSet reference, List<TaskSpec> tasks, OptimizationLevel level) {
    for (TaskSpec task : tasks) {
      int rows = 0;
      for (ReferenceBatch b : reference.batches()) {
        if (b.isDev() && b.gold().containsKey(task.name())) {
          rows += b.batchSize();
        }
      }
      if (rows < MIN_DEV_ROWS) {
        throw new GateUndecidedException(
            "the "
                + level.cliName()
                + " tier judges task metrics on"
                + " the whole dev split or at least "
                + MIN_DEV_ROWS
                + " dev rows per task; the"
                + " package's reference holds "
                + rows
                + " dev rows for task '"
                + task.name()
                + "', where one flipped row moves a metric by "
                + (rows == 0 ? "all" : String.format(java.util.Locale.ROOT, "%.1f", 100.0 / rows))
                + " points");
      }
    }
  }

  private static OptimizedGate againstUnoptimized(
      InferenceSession candidate,
      byte[] unoptimized,
      ReferenceSet reference,
      OptimizationLevel level) {
    List<Map<String, long[][]>> batches = new ArrayList<>();
    if (reference != null) {
      reference.batches().forEach(b -> batches.add(ParityGate.inputs(b)));
    }
    batches.addAll(GeneratedInputs.batches(vocabularySize(unoptimized)));
    try (InferenceSession original =
        InferenceSession.open(unoptimized, ParityGate.SESSION_OPTIONS)) {
      if (level == OptimizationLevel.CLEAN || level == OptimizationLevel.FUSED) {
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
      double threshold = INT8_COSINE;
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
