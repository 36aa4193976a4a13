package org.mtl4j.train.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mtl4j.train.data.Batch;
import org.mtl4j.train.data.ExampleTokenizer;
import org.mtl4j.train.data.TokenizedExample;
import org.mtl4j.train.encoder.Scalars;
import org.mtl4j.train.heads.TaskHead;
import org.mtl4j.train.loss.TaskLoss;
import org.mtl4j.train.model.EncoderResolver;
import org.mtl4j.train.model.EncoderSetup;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.report.ReportPage;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * Trains one shared encoder and a head per task on DJL's PyTorch engine and writes a model package.
 *
 * <p>Each batch belongs to one {@link BatchUnit} (one task, or tasks reading the same sentences,
 * whose losses then add up over a single encoder pass); {@link EpochPlan} fixes the order from the
 * seed. Updates use {@link AdamW} with a {@link LinearSchedule}, global gradient clipping and
 * gradient accumulation. Dropout is re-seeded from the seed and the batch position before every
 * batch, so a resumed run computes the same numbers as an uninterrupted one. After each epoch the
 * dev split is scored; the best epoch's weights ({@link Selection}) go into the package, and {@link
 * ReportPage} draws the run into {@code training/report.html}.
 */
public final class MultiTaskTrainer {

  private final TaskFile taskFile;
  private final String encoderName;
  private final Path out;
  private final TrainingOptions options;
  private final PrintStream progressStream;

  /**
   * @param taskFile the tasks
   * @param encoderName the encoder to start from ({@link EncoderResolver}); null takes the task
   *     file's {@code encoder:} or else {@link EncoderResolver#DEFAULT}
   * @param out the package directory to write
   * @param options the settings
   * @param progressStream where the progress bar goes
   */
  public MultiTaskTrainer(
      TaskFile taskFile,
      String encoderName,
      Path out,
      TrainingOptions options,
      PrintStream progressStream) {
    this.taskFile = taskFile;
    this.encoderName =
        encoderName != null
            ? encoderName
            : taskFile.encoder() != null ? taskFile.encoder() : EncoderResolver.DEFAULT;
    this.out = out;
    this.options = options;
    this.progressStream = progressStream;
  }

  /**
   * Runs training and writes the package.
   *
   * @param resume continue from the checkpoint in {@code out} (or start afresh when {@code out}
   *     holds only what a run writes before its first checkpoint); otherwise {@code out} must be
   *     empty or absent
   * @return the report
   */
  public TrainingReport run(boolean resume) {
    long started = System.nanoTime();
    Checkpoints checkpoints = new Checkpoints(out);
    boolean fromCheckpoint = checkOutput(resume, checkpoints);
    EncoderSetup setup =
        EncoderResolver.resolve(encoderName, options.seed(), () -> TrainingWords.of(taskFile));
    TrainingOptions fitted = options.fittedTo(setup.config().maxSequenceLength(), encoderName);
    Path tokenizerFile = out.resolve(ModelPackage.TOKENIZER);
    AtomicFiles.writeString(tokenizerFile, setup.tokenizerJson());
    try (ExampleTokenizer tokenizer =
        ExampleTokenizer.open(
            tokenizerFile, fitted.maxSeqLen(), setup.config().family().padLeft())) {
      List<TaskData> tasks =
          taskFile.tasks().stream()
              .map(t -> TaskData.prepare(t, tokenizer, EnumSet.allOf(Split.class)))
              .toList();
      Selection selection = Selection.of(fitted.select(), tasks);
      List<BatchUnit> units = BatchUnit.group(tasks, fitted.shareBatches());
      Run run = new Run(setup, fitted, tasks, units, selection, checkpoints, fromCheckpoint);
      TrainingState state = run.train();
      if (state == null) {
        return new TrainingReport(
            out,
            false,
            run.updates,
            seconds(started),
            run.state.history(),
            run.state.bestEpoch(),
            Map.of(),
            Map.of());
      }
      TrainedPackageWriter.Written written =
          new TrainedPackageWriter(out, setup, tokenizer, fitted, encoderName, taskFile.path())
              .write(tasks, checkpoints, state);
      ReportPage.build(out);
      return new TrainingReport(
          out,
          true,
          state.updates(),
          seconds(started),
          state.history(),
          state.bestEpoch(),
          written.dev(),
          written.test());
    }
  }

  /**
   * @return whether the run continues from a checkpoint
   */
  private boolean checkOutput(boolean resume, Checkpoints checkpoints) {
    if (resume) {
      if (checkpoints.hasState()) {
        return true;
      }
      if (!checkpoints.startedWithoutCheckpoint()) {
        throw new IllegalArgumentException(
            "--resume: " + out + " holds no checkpoint (" + checkpoints.state() + ")");
      }
      progressStream.println(
          out
              + " holds no checkpoint yet (the run stopped before its first);"
              + " starting from the beginning");
      return false;
    }
    if (Files.isDirectory(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              out + " is not empty; choose a new --out, or add --resume to continue its run");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
      }
    }
    return false;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** The mutable state of one invocation's training loop. */
  private final class Run {
    private final TrainingOptions options;
    private final List<TaskData> tasks;
    private final List<BatchUnit> units;
    private final Selection selection;
    private final Checkpoints checkpoints;
    private final MultiTaskModel model;
    private final AdamW optimizer;
    private final Map<String, TaskLoss> losses = new LinkedHashMap<>();
    private TrainingState state;
    private long updates;
    private long step;

    Run(
        EncoderSetup setup,
        TrainingOptions options,
        List<TaskData> tasks,
        List<BatchUnit> units,
        Selection selection,
        Checkpoints checkpoints,
        boolean resume) {
      this.options = options;
      this.tasks = tasks;
      this.units = units;
      this.selection = selection;
      this.checkpoints = checkpoints;
      Checkpoints.Saved saved = resume ? checkpoints.load().orElseThrow() : null;
      var specs = tasks.stream().map(TaskData::spec).toList();
      model =
          saved != null
              ? MultiTaskModel.of(
                  setup.config(), specs, saved.weights(), checkpoints.state().toString())
              : MultiTaskModel.withNewHeads(
                  setup.config(), specs, setup.weights(), options.seed(), setup.source());
      model.parameters().values().forEach(p -> p.setRequiresGradient(true));
      double headScale = options.headLearningRateScale();
      optimizer =
          new AdamW(
              model.parameters(),
              model::decays,
              options.weightDecay(),
              name -> name.startsWith(TaskHead.PREFIX) ? headScale : 1);
      if (saved != null) {
        optimizer.restore(saved.optimizer(), checkpoints.state().toString());
      }
      state = saved != null ? saved.state() : TrainingState.start();
      updates = state.updates();
      for (TaskData task : tasks) {
        losses.put(task.name(), TaskLoss.of(task.definition().loss(), task.spec().lossWeight()));
      }
    }

    /**
     * @return the final state, or null when stopped early
     */
    TrainingState train() {
      try (model) {
        int[] sizes = units.stream().mapToInt(BatchUnit::size).toArray();
        int batches =
            EpochPlan.of(sizes, options.batchSize(), options.temperature(), options.seed(), 0)
                .size();
        long perEpoch = (batches + options.gradAccumulation() - 1) / options.gradAccumulation();
        long total = perEpoch * options.epochs();
        LinearSchedule schedule =
            new LinearSchedule(
                options.learningRate(), Math.round(total * options.warmupRatio()), total);
        step = (long) state.epoch() * batches + state.batch();
        try (StepLog log = StepLog.open(checkpoints.log(), step)) {
          for (int epoch = state.epoch(); epoch < options.epochs(); epoch++) {
            EpochPlan plan =
                EpochPlan.of(
                    sizes, options.batchSize(), options.temperature(), options.seed(), epoch);
            int first = epoch == state.epoch() ? state.batch() : 0;
            if (!trainEpoch(epoch, plan, first, schedule, log)) {
              return null;
            }
            endEpoch(epoch);
            log.flush();
            if (stopRequested() && epoch < options.epochs() - 1) {
              return null;
            }
          }
        }
        return state;
      }
    }

    /** Runs an epoch's batches from {@code first}; false when stopped early. */
    private boolean trainEpoch(
        int epoch, EpochPlan plan, int first, LinearSchedule schedule, StepLog log) {
      try (Progress progress =
          Progress.open(
              options.progress(), progressStream, epoch, options.epochs(), plan.size(), first)) {
        for (int b = first; b < plan.size(); b++) {
          long t0 = System.nanoTime();
          EpochPlan.Step planned = plan.steps().get(b);
          BatchUnit unit = units.get(planned.unit());
          Map<String, Double> batchLosses = forwardBackward(unit, planned.rows(), ++step);
          boolean boundary = (b + 1) % options.gradAccumulation() == 0 || b == plan.size() - 1;
          double lr = schedule.rate(updates);
          boolean skipped = false;
          if (boundary) {
            skipped = !Double.isFinite(optimizer.clip(options.clipNorm()));
            if (skipped) {
              optimizer.skip();
              ++updates;
            } else {
              optimizer.step(lr, ++updates);
            }
          }
          double rate = planned.rows().length / ((System.nanoTime() - t0) / 1e9);
          double loss = batchLosses.values().stream().mapToDouble(Double::doubleValue).sum();
          log.write(step, epoch, updates, unit.label(), loss, batchLosses, lr, rate, skipped);
          progress.step(batchLosses, rate);
          if (boundary && b < plan.size() - 1) {
            if (options.checkpointEvery() > 0 && updates % options.checkpointEvery() == 0) {
              log.flush();
              saveState(epoch, b + 1);
            }
            if (stopRequested()) {
              return false;
            }
          }
        }
      }
      return true;
    }

    private boolean stopRequested() {
      return options.stopAfterUpdates() >= 0 && updates >= options.stopAfterUpdates();
    }

    private Map<String, Double> forwardBackward(BatchUnit unit, int[] rows, long step) {
      Engine engine = model.manager().getEngine();
      engine.setRandomSeed((int) (options.seed() * 7919 + step));
      Map<String, Double> values = new LinkedHashMap<>();
      try (NDScope arrays = new NDScope();
          NDManager scope = model.manager().newSubManager();
          GradientCollector collector = engine.newGradientCollector()) {
        arrays.suppressNotUsedWarning();
        Map<String, Batch> batches = new LinkedHashMap<>();
        for (TaskData task : unit.tasks()) {
          List<TokenizedExample> train = task.split(Split.TRAIN);
          List<TokenizedExample> picked = new ArrayList<>(rows.length);
          for (int r : rows) {
            picked.add(train.get(r));
          }
          batches.put(task.name(), task.collator().collate(picked));
        }
        Batch head = batches.values().iterator().next();
        NDList inputs = BatchInputs.of(head, scope, model.encoder().family().usesTokenTypeIds());
        Map<String, NDArray> logits = model.forward(inputs, batches.keySet(), true);
        NDArray total = null;
        for (Map.Entry<String, Batch> e : batches.entrySet()) {
          Batch batch = e.getValue();
          NDArray labels =
              scope.create(batch.labels(), new ai.djl.ndarray.types.Shape(batch.labelShape()));
          NDArray loss = losses.get(e.getKey()).compute(logits.get(e.getKey()), labels);
          values.put(e.getKey(), (double) loss.getFloat());
          total = total == null ? loss : total.add(loss);
        }
        collector.backward(Scalars.apply(total, NDArray::div, options.gradAccumulation()));
      }
      return values;
    }

    private void endEpoch(int epoch) {
      Map<String, Map<String, Double>> dev =
          new Evaluator(model, options.evalBatchSize()).evaluate(tasks, Split.DEV);
      List<Map<String, Map<String, Double>>> history = new ArrayList<>(state.history());
      history.add(dev);
      int bestEpoch = state.bestEpoch();
      double bestScore = state.bestScore();
      if (!selection.covers(dev)) {
        checkpoints.saveBest(model);
      } else if (selection.score(dev) >= bestScore) {
        bestScore = selection.score(dev);
        bestEpoch = epoch;
        checkpoints.saveBest(model);
      }
      state = new TrainingState(epoch + 1, 0, updates, bestEpoch, bestScore, history);
      checkpoints.save(model, optimizer, state);
    }

    private void saveState(int epoch, int batch) {
      state =
          new TrainingState(
              epoch, batch, updates, state.bestEpoch(), state.bestScore(), state.history());
      checkpoints.save(model, optimizer, state);
    }
  }
}
