package org.mtl4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mtl4j.bench.cli.QuickLatency;
import org.mtl4j.train.data.corpus.DemoCorpus;
import org.mtl4j.train.data.corpus.TaskFolderWriter;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.train.trainer.MultiTaskTrainer;
import org.mtl4j.train.trainer.TrainingOptions;
import org.mtl4j.train.trainer.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mtl quickstart}: writes the built-in demo data set, fine-tunes all-MiniLM-L6-v2 with an
 * intent, a slot-tagging and a fragment-detection head, prints each task's test metrics, then
 * exports and serves the result ({@link QuickstartServing}).
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the built-in demo data set (SNIPS-like intents, slots and fragments), fine-tunes"
          + " all-minilm-l6-v2 with three heads (intent, ner, fragdetect) sharing one encoder,"
          + " prints each task's test metrics, exports the package to one ONNX graph behind the"
          + " parity gate (printing the parity figures), and shows predictions for a few demo"
          + " sentences served by ONNX Runtime from the exported file. The defaults take a few"
          + " minutes on two CPU cores."
    })
public final class QuickstartCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      defaultValue = "mtl-quickstart",
      paramLabel = "DIR",
      description =
          "folder for data/ and model/ (default ${DEFAULT-VALUE}); its model/ must not exist yet")
  Path out;

  @Option(
      names = "--train-size",
      defaultValue = "800",
      description = "training utterances (default ${DEFAULT-VALUE})")
  int trainSize;

  @Option(
      names = "--epochs",
      defaultValue = "2",
      description = "passes over the training data (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "seed of the data and the training (default ${DEFAULT-VALUE})")
  long seed;

  /** Smaller runs for tests and smoke checks, e.g. {@code tiny-bert}. */
  @Option(names = "--encoder", defaultValue = "all-minilm-l6-v2", hidden = true)
  String encoder;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  @Option(names = "--json", description = "print the training report as JSON")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Path model = out.resolve("model");
    if (Files.exists(model)) {
      throw new UsageException(model + " exists already; choose another --out or remove it");
    }
    int heldOut = Math.max(50, trainSize / 8);
    TaskFolderWriter.Written data =
        DemoCorpus.write(
            out.resolve("data"),
            seed,
            new DemoCorpus.Sizes(trainSize, heldOut, heldOut),
            line -> {
              err.println(line);
              err.flush();
            });
    TrainingOptions options =
        TrainingOptions.builder()
            .optEpochs(epochs)
            .optBatchSize(16)
            .optLearningRate(1e-4)
            .optHeadLearningRate(1e-3)
            .optMaxSeqLen(32)
            .optSeed(seed)
            .optProgress(!noProgress && !json)
            .build();
    TrainingReport report =
        new MultiTaskTrainer(TaskFile.read(data.taskFile()), encoder, model, options, System.err)
            .run(false);
    err.println("exporting to ONNX behind the parity gate, then predicting with ONNX Runtime");
    err.flush();
    QuickstartServing serving = QuickstartServing.run(model);
    String latency = QuickLatency.line(model);
    PrintWriter writer = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = Reports.jsonNode(report);
      serving.addTo(root);
      root.put("latency", latency);
      writer.println(root.toPrettyString());
    } else {
      writer.println("test metrics:");
      writer.print(Reports.metrics(report.test()));
      writer.printf("model package: %s%n", model.toAbsolutePath());
      serving.print(writer);
      writer.printf(
          "next: mtl predict %s --text \"play some jazz\"; mtl serve %s; mtl eval %s --split test%n",
          model, model, model);
      writer.println(latency);
    }
    writer.flush();
    return ExitCodes.OK;
  }
}
