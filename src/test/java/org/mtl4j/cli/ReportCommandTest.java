package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.trainer.TinyTasks;

/**
 * {@code mtl train} leaves {@code training/report.html} whose images decode as non-blank PNGs and
 * whose tables hold the run: two epochs of dev metrics, a confusion matrix for every classification
 * task with the task's labels, entity scores for the tagging task with its entity types; {@code mtl
 * report} rebuilds the same page after it is deleted, and refuses a folder that is no package.
 */
class ReportCommandTest {

  @TempDir Path dir;

  @Test
  void trainWritesAReportAndReportRebuildsIt() throws IOException {
    Path tasks = TinyTasks.write(dir.resolve("data"), 48, 12, 3);
    Path pkg = dir.resolve("pkg");
    CliRun train =
        CliRun.of(
            "train",
            "--tasks",
            tasks.toString(),
            "--out",
            pkg.toString(),
            "--encoder",
            "tiny-bert",
            "--epochs",
            "2",
            "--batch-size",
            "8",
            "--lr",
            "1e-3",
            "--max-seq-len",
            "24",
            "--no-progress");
    assertThat(train.exitCode()).as(train.err()).isZero();

    Path html = pkg.resolve("training/report.html");
    String page = Files.readString(html);
    List<String> images = images(page);
    assertThat(images)
        .contains(
            "report/loss.png",
            "report/learning-rate.png",
            "report/dev-metrics.png",
            "report/confusion-intent.png",
            "report/confusion-pair.png",
            "report/confusion-tags.png",
            "report/entities-ner.png");
    for (String image : images) {
      Path file = html.resolveSibling(image);
      assertThat(file).as(image).isNotEmptyFile();
      BufferedImage decoded = ImageIO.read(file.toFile());
      assertThat(decoded).as(image + " decodes").isNotNull();
      assertThat(distinctColours(decoded)).as(image + " draws something").isGreaterThan(3);
    }
    assertThat(page).contains("<th>epoch 1", "<th>epoch 2", "intent.classification_accuracy");
    assertThat(page).contains("<th>play</th>", "<th>weather</th>", "<th>book</th>");
    assertThat(page).contains("<td>genre</td>", "<td>city</td>", "<td>micro average</td>");
    assertThat(Files.readAllLines(pkg.resolve("training/log.jsonl"))).isNotEmpty();

    Files.delete(html);
    CliRun report = CliRun.of("report", pkg.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(Files.readString(html)).isEqualTo(page);

    CliRun bad = CliRun.of("report", dir.resolve("data").toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("cannot build the report of " + dir.resolve("data"));
  }

  private static List<String> images(String page) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(page);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static long distinctColours(BufferedImage image) {
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return Arrays.stream(pixels).distinct().limit(10).count();
  }
}
