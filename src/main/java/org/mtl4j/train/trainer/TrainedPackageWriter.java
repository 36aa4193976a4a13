package org.mtl4j.train.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.train.data.ExampleTokenizer;
import org.mtl4j.train.model.EncoderSetup;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.report.RunFiles;
import org.mtl4j.train.report.TaskOutcome;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.pkg.EncoderInfo;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TokenizerInfo;

/**
 * Writes the model package of a finished run: {@code weights.safetensors} (the best epoch's
 * weights), {@code reference/}, the dev predictions and the dev history per epoch that the training
 * report reads ({@link RunFiles}), and last the manifest with every file's checksum; only then are
 * the checkpoints removed, so a run killed while its package is written resumes with {@code
 * --resume}. {@code tokenizer.json} is already in place. Every file is written atomically.
 */
final class TrainedPackageWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final EncoderSetup setup;
  private final ExampleTokenizer tokenizer;
  private final TrainingOptions options;
  private final String encoderName;
  private final Path taskFile;

  /** The package's scores. */
  record Written(Map<String, Map<String, Double>> dev, Map<String, Map<String, Double>> test) {}

  TrainedPackageWriter(
      Path dir,
      EncoderSetup setup,
      ExampleTokenizer tokenizer,
      TrainingOptions options,
      String encoderName,
      Path taskFile) {
    this.dir = dir;
    this.setup = setup;
    this.tokenizer = tokenizer;
    this.options = options;
    this.encoderName = encoderName;
    this.taskFile = taskFile;
  }

  Written write(List<TaskData> tasks, Checkpoints checkpoints, TrainingState state) {
    Path weights = dir.resolve(ModelPackage.WEIGHTS);
    copy(checkpoints.best(), weights);
    var specs = tasks.stream().map(TaskData::spec).toList();
    Map<String, Map<String, Double>> dev;
    Map<String, Map<String, Double>> test;
    try (MultiTaskModel model = MultiTaskModel.load(setup.config(), specs, weights)) {
      Evaluator evaluator = new Evaluator(model, options.evalBatchSize());
      dev = new LinkedHashMap<>();
      List<TaskOutcome> outcomes = new ArrayList<>();
      for (TaskData task : tasks) {
        if (!task.split(Split.DEV).isEmpty()) {
          TaskPredictions predicted = evaluator.predict(task, Split.DEV);
          dev.put(task.name(), predicted.metrics());
          outcomes.add(
              new TaskOutcome(
                  task.name(),
                  predicted.spec().type(),
                  predicted.spec().labels(),
                  predicted.gold(),
                  predicted.predicted()));
        }
      }
      RunFiles run = RunFiles.of(dir);
      run.writePredictions(outcomes);
      run.writeHistory(state.history(), state.bestEpoch());
      test = evaluator.evaluate(tasks, Split.TEST);
      new ReferenceProbes(model, tokenizer, options.referenceDevRows(), options.evalBatchSize())
          .build(tasks)
          .write(dir.resolve(ModelPackage.REFERENCE));
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    String version = TrainedPackageWriter.class.getPackage().getImplementationVersion();
    provenance.put("tool", "mtl4j " + (version == null ? "development" : version));
    provenance.put("encoder", encoderName);
    provenance.put("encoder_source", setup.source());
    provenance.put("seed", Long.toString(options.seed()));
    provenance.put("epochs", Integer.toString(options.epochs()));
    provenance.put("best_epoch", Integer.toString(state.bestEpoch() + 1));
    provenance.put("max_seq_len", Integer.toString(options.maxSeqLen()));
    provenance.put(PackageEvaluation.TASK_FILE, taskFile.toAbsolutePath().toString());
    provenance.put(PackageEvaluation.EVAL_BATCH_SIZE, Integer.toString(options.evalBatchSize()));
    provenance.put("dev_metrics", json(dev));
    provenance.put("test_metrics", json(test));
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            new EncoderInfo(
                setup.config().family().modelType(), HfConfigJson.toJson(setup.config())),
            TokenizerInfo.of(ModelPackage.TOKENIZER, options.maxSeqLen(), tokenizer.facts()),
            specs,
            provenance,
            Map.of());
    ModelPackage.seal(dir, manifest, checkpoints.fileNames());
    checkpoints.removeCheckpoints();
    return new Written(dev, test);
  }

  private static void copy(Path from, Path to) {
    AtomicFiles.write(to, out -> Files.copy(from, out));
  }

  static String json(Map<String, Map<String, Double>> metrics) {
    try {
      return JSON.writeValueAsString(metrics);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise metrics", e);
    }
  }
}
