package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtl train}, {@code mtl eval} and {@code mtl quickstart} refuse bad input with exit 2. */
class TrainingCommandsBadUsageTest {

  @TempDir Path dir;

  @Test
  void trainNamesAMissingTaskFile() {
    Path missing = dir.resolve("absent.yml");

    CliRun run =
        CliRun.of("train", "--tasks", missing.toString(), "--out", dir.resolve("pkg").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(missing.toString());
  }

  @Test
  void evalRefusesAFolderThatIsNoPackage() {
    CliRun run = CliRun.of("eval", dir.toString(), "--json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(dir + " is not a model package").contains("mtl.json");
  }

  @Test
  void quickstartRefusesToOverwriteAModel() throws IOException {
    Files.createDirectories(dir.resolve("model"));

    CliRun run = CliRun.of("quickstart", "--out", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(dir.resolve("model") + " exists already");
  }
}
