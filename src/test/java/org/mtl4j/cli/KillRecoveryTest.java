package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.export.TinyPackages;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.train.reference.ProbeBatches;
import org.mtl4j.train.trainer.TinyTasks;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * {@code mtl export}, {@code mtl optimize}, {@code mtl train} (its checkpoints and the package it
 * writes) and the install of a model with external data killed with SIGKILL at 24 named steps: a
 * child JVM is held at a step ({@code mtl4j.killpoint}, see {@code KillPoints}), killed for real
 * with {@code Process.destroyForcibly()} (SIGKILL on Linux, exit 137), and then the previous
 * artifact must still load and verify. Each next run is the plain re-run of the killed one (no
 * clean-up in between), held at a later step; the last re-run must finish and leave no temporary or
 * staging file behind.
 */
class KillRecoveryTest {

  private static final List<String> EXPORT_STEPS =
      List.of(
          "export.staged:model.onnx",
          "rename.before:mtl.json#1",
          "model.pending:model.onnx",
          "rename.before:model.onnx",
          "rename.after:model.onnx",
          "model.moved:model.onnx",
          "rename.after:mtl.json#2");

  private static final List<String> OPTIMIZE_STEPS =
      List.of(
          "rename.before:mtl.json#1",
          "model.pending:model.clean.onnx",
          "rename.before:model.clean.onnx",
          "rename.after:model.clean.onnx",
          "model.moved:model.clean.onnx",
          "rename.after:mtl.json#2");

  /**
   * Before the moves, between the companion's move and the model's (the companion is renamed into
   * place first) and after both.
   */
  private static final List<String> EXTERNAL_DATA_STEPS =
      List.of("model.pending:model.onnx", "rename.before:model.onnx", "model.moved:model.onnx");

  private static final List<String> TRAIN_STEPS =
      List.of(
          "rename.before:tokenizer.json",
          "rename.before:state.safetensors#1",
          "rename.before:best.safetensors#1",
          "rename.before:state.safetensors#3",
          "rename.before:weights.safetensors",
          "rename.before:outputs.safetensors",
          "rename.before:mtl.json",
          "rename.after:mtl.json");

  @TempDir Path dir;
  private int runs;

  @Test
  void exportKilledAtEveryStepLeavesALoadableVerifiedModel() throws Exception {
    Path pkg = tinyPackage("pkg", 42);
    Path onnx = pkg.resolve("model.onnx");
    assertThat(CliRun.of("export", pkg.toString()).exitCode()).isZero();
    byte[] before = Files.readAllBytes(onnx);
    // the same heads in another output order: a different file that serves the same package
    String reordered = "topics,ner,intent";
    Path other = Files.createDirectories(dir.resolve("other"));
    assertThat(
            CliRun.of(
                    "export",
                    pkg.toString(),
                    "--tasks",
                    reordered,
                    "--out",
                    other.resolve("model.onnx").toString())
                .exitCode())
        .isZero();
    byte[] after = Files.readAllBytes(other.resolve("model.onnx"));
    assertThat(after).isNotEqualTo(before);

    for (String step : EXPORT_STEPS) {
      killAt(step, "export", pkg.toString(), "--tasks", reordered);
      byte[] now = Files.readAllBytes(onnx);
      assertThat(Arrays.equals(now, before) || Arrays.equals(now, after))
          .as("after a kill at %s model.onnx is the old or the new graph, whole", step)
          .isTrue();
      assertPredicts(pkg, step);
    }
    CliRun rerun = CliRun.of("export", pkg.toString(), "--tasks", reordered);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(Files.readAllBytes(onnx)).isEqualTo(after);
    ModelPackage.open(pkg).modelFile("model.onnx");
    assertThat(hiddenEntries(pkg)).as("temporary and staging files left in %s", pkg).isEmpty();
  }

  @Test
  void optimizeKilledAtEveryStepLeavesThePackagesModelsLoadableAndVerified() throws Exception {
    Path pkg = tinyPackage("pkg", 42);
    Path clean = pkg.resolve("model.clean.onnx");
    assertThat(CliRun.of("export", pkg.toString()).exitCode()).isZero();
    assertThat(CliRun.of("optimize", pkg.toString(), "--level", "clean").exitCode()).isZero();
    byte[] before = Files.readAllBytes(clean);
    // a new export (the heads in another order) makes the next optimized file a different one
    assertThat(CliRun.of("export", pkg.toString(), "--tasks", "topics,ner,intent").exitCode())
        .isZero();
    Path other = dir.resolve("other/model.clean.onnx");
    List<String> optimize =
        List.of("optimize", pkg.resolve("model.onnx").toString(), "--level", "clean");
    CliRun elsewhere =
        CliRun.of(
            Stream.concat(optimize.stream(), Stream.of("--out", other.toString()))
                .toArray(String[]::new));
    assertThat(elsewhere.exitCode()).as(elsewhere.err()).isZero();
    byte[] after = Files.readAllBytes(other);
    assertThat(after).isNotEqualTo(before);

    for (String step : OPTIMIZE_STEPS) {
      killAt(step, optimize.toArray(String[]::new));
      byte[] now = Files.readAllBytes(clean);
      assertThat(Arrays.equals(now, before) || Arrays.equals(now, after))
          .as("after a kill at %s model.clean.onnx is the old or the new graph, whole", step)
          .isTrue();
      ModelPackage.open(pkg).modelFile("model.clean.onnx");
      assertPredicts(pkg, step);
      assertPredicts(clean, step);
    }
    CliRun rerun = CliRun.of(optimize.toArray(String[]::new));
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(Files.readAllBytes(clean)).isEqualTo(after);
    assertThat(hiddenEntries(pkg)).as("temporary and staging files left in %s", pkg).isEmpty();
  }

  /**
   * A model with external data, killed at every step of its install: each write names its data file
   * apart, so the previous model with its own data serves until the new model is renamed in (a new
   * data file beside the old model is not read by it), and the re-run completes the install and
   * deletes the previous data.
   */
  @Test
  void externalDataInstallKilledAtEveryStepStillServesAWholeModel() throws Exception {
    Path pkg = tinyPackage("pkg", 42);
    assertThat(CliRun.of("export", pkg.toString()).exitCode()).isZero();
    Path first = Files.copy(pkg.resolve("model.onnx"), dir.resolve("first.onnx"));
    // the same tasks with other weights: a new version whose data file differs from the old one
    Path retrained = tinyPackage("retrained", 43);
    assertThat(CliRun.of("export", retrained.toString()).exitCode()).isZero();
    String second = retrained.resolve("model.onnx").toString();
    Process install =
        child(ExternalDataInstall.class, List.of(), List.of(first.toString(), pkg.toString()));
    assertThat(install.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(install.exitValue()).as(Files.readString(log(runs))).isZero();
    List<Path> oldData = dataFiles(pkg);
    assertThat(oldData).hasSize(1);
    assertPredicts(pkg, "the first install");

    for (String step : EXTERNAL_DATA_STEPS) {
      killAt(ExternalDataInstall.class, step, second, pkg.toString());
      assertThat(dataFiles(pkg)).as("after a kill at %s", step).contains(oldData.get(0));
      ModelPackage.open(pkg).modelFile("model.onnx");
      assertPredicts(pkg, step);
    }
    Process rerun = child(ExternalDataInstall.class, List.of(), List.of(second, pkg.toString()));
    assertThat(rerun.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(rerun.exitValue()).as(Files.readString(log(runs))).isZero();
    assertThat(dataFiles(pkg)).hasSize(1).doesNotContain(oldData.get(0));
    ModelPackage.open(pkg).modelFile("model.onnx");
    assertPredicts(pkg, "the re-run");
    assertThat(hiddenEntries(pkg)).as("temporary and staging files left in %s", pkg).isEmpty();
  }

  /** The package's external-data files of {@code model.onnx}, named per write. */
  private static List<Path> dataFiles(Path pkg) throws IOException {
    try (var list = Files.list(pkg)) {
      return list.filter(p -> p.getFileName().toString().matches("model\\.onnx\\..+\\.data"))
          .sorted()
          .toList();
    }
  }

  @Test
  void trainingKilledAtEveryStepResumesAndItsCheckpointsStayReadable() throws Exception {
    Path tasks = TinyTasks.write(dir.resolve("data"), 16, 4, 7);
    Path out = dir.resolve("run");
    List<String> train =
        List.of(
            "train",
            "--tasks",
            tasks.toString(),
            "--out",
            out.toString(),
            "--encoder",
            "tiny-bert",
            "--epochs",
            "2",
            "--batch-size",
            "8",
            "--checkpoint-every",
            "2",
            "--max-seq-len",
            "12",
            "--seed",
            "3",
            "--no-progress",
            "--resume");
    for (String step : TRAIN_STEPS) {
      // the first run starts the folder; every later one is the plain re-run after a kill
      List<String> args =
          step.equals(TRAIN_STEPS.get(0)) ? train.subList(0, train.size() - 1) : train;
      killAt(step, args.toArray(String[]::new));
      Path state = out.resolve("training/state.safetensors");
      if (Files.exists(state)) {
        try (SafeTensorsReader reader = SafeTensorsReader.open(state)) {
          assertThat(reader.metadata()).as("checkpoint after a kill at %s", step).isNotEmpty();
          assertThat(reader.readAll()).isNotEmpty();
        }
      }
      if (Files.exists(out.resolve("mtl.json"))) {
        assertThat(ModelPackage.open(out).readWeights())
            .as("package after a kill at %s", step)
            .isNotEmpty();
      }
    }
    Process last = child(List.of(), train);
    assertThat(last.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(last.exitValue()).as(Files.readString(log(runs))).isZero();
    assertThat(ModelPackage.open(out).manifest().tasks()).hasSize(4);
    assertThat(out.resolve("training/state.safetensors")).doesNotExist();
    assertThat(hiddenEntries(out)).as("temporary files left in %s", out).isEmpty();
  }

  /** Runs {@code mtl ARGS} in a child JVM held at a step, kills it with SIGKILL there. */
  private void killAt(String step, String... args) throws IOException, InterruptedException {
    killAt(Main.class, step, args);
  }

  /** Runs {@code MAIN ARGS} in a child JVM held at a step, kills it with SIGKILL there. */
  private void killAt(Class<?> main, String step, String... args)
      throws IOException, InterruptedException {
    Path marker = dir.resolve("reached-" + (runs + 1));
    Process process =
        child(
            main,
            List.of("-Dmtl4j.killpoint=" + step, "-Dmtl4j.killpoint.marker=" + marker),
            List.of(args));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.exists(marker) && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    boolean reached = Files.exists(marker);
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(reached).as("step %s was reached:%n%s", step, Files.readString(log(runs))).isTrue();
    assertThat(process.exitValue()).as("killed by SIGKILL at %s", step).isEqualTo(128 + 9);
  }

  private Process child(List<String> properties, List<String> args) throws IOException {
    return child(Main.class, properties, args);
  }

  private Process child(Class<?> main, List<String> properties, List<String> args)
      throws IOException {
    runs++;
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dai.djl.offline=true"));
    command.addAll(properties);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(runs).toFile());
    builder.environment().put("OMP_NUM_THREADS", "1");
    return builder.start();
  }

  private Path log(int run) {
    return dir.resolve("run-" + run + ".log");
  }

  private Path tinyPackage(String name, long seed) {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    return TinyPackages.write(
            dir.resolve(name),
            config,
            TinyPackages.THREE_TASKS,
            RandomWeights.of(config, true, seed),
            ProbeBatches.standard(config, 16, 3),
            16)
        .dir();
  }

  /** Loads a package or a model file (checksums verified) and predicts every task. */
  private static void assertPredicts(Path model, String when) {
    try (MtlModel loaded =
        MtlModel.load(model, RuntimeOptions.builder().optIntraOpThreads(1).build())) {
      assertThat(loaded.predict("play jazz").results())
          .as("%s after %s", model.getFileName(), when)
          .containsKeys("intent", "ner", "topics");
    }
  }

  private static List<Path> hiddenEntries(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.getFileName().toString().startsWith(".")).toList();
    }
  }
}
