package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtl train}, {@code mtl eval} and {@code mtl quickstart} refuse bad input with exit 2. */
class TrainingCommandsBadUsageTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  @Test
  void trainNamesAMissingTaskFile() {
    Path missing = dir.resolve("absent.yml");

    assertThat(run("train", "--tasks", missing.toString(), "--out", dir.resolve("pkg").toString())).isEqualTo(2);
    assertThat(err.toString()).contains(missing.toString());
  }

  @Test
  void evalRefusesAFolderThatIsNoPackage() {
    assertThat(run("eval", dir.toString(), "--json")).isEqualTo(2);
    assertThat(err.toString()).contains(dir + " is not a model package").contains("mtl.json");
  }

  @Test
  void quickstartRefusesToOverwriteAModel() throws IOException {
    Files.createDirectories(dir.resolve("model"));

    assertThat(run("quickstart", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(dir.resolve("model") + " exists already");
  }

  private int run(String... args) {
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
