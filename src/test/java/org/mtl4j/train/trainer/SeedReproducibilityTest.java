package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.cli.Main;

/**
 * {@code --seed} reproduces a run across processes: two separate JVMs train the same task file with
 * the same seed and write byte-identical weights and the same step log. The JVMs get a tiny young
 * generation so that the garbage collector runs during training as often as in a long run (this is
 * what exposed constants freed under autograd, see {@code Scalars}).
 */
class SeedReproducibilityTest {

  @TempDir Path dir;

  @Test
  void twoProcessesWithOneSeedWriteTheSameWeights() throws IOException, InterruptedException {
    Path tasks = TinyTasks.write(dir.resolve("data"), 48, 8, 3);

    Path first = train(tasks, "first");
    Path second = train(tasks, "second");

    assertThat(
            Arrays.equals(
                Files.readAllBytes(first.resolve("weights.safetensors")),
                Files.readAllBytes(second.resolve("weights.safetensors"))))
        .as("the two runs' weights.safetensors are byte-identical")
        .isTrue();
    assertThat(stepsWithoutThroughput(second)).isEqualTo(stepsWithoutThroughput(first));
  }

  /** The step log without its examples/s field, which measures time. */
  private static String stepsWithoutThroughput(Path pkg) throws IOException {
    return Files.readString(pkg.resolve("training/log.jsonl"))
        .replaceAll(",\"examples_per_s\":[0-9.E-]+", "");
  }

  private Path train(Path tasks, String name) throws IOException, InterruptedException {
    Path out = dir.resolve(name);
    Path log = dir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true",
                    "-Xmn2m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
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
                    "--lr",
                    "2e-3",
                    "--seed",
                    "11",
                    "--no-progress"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("training finished in time").isTrue();
    assertThat(process.exitValue()).as("mtl train failed:%n%s", Files.readString(log)).isZero();
    return out;
  }
}
