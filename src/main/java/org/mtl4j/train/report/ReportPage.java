package org.mtl4j.train.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.metrics.LabelScores;
import org.mtl4j.metrics.PrecisionRecallF1;
import org.mtl4j.metrics.classification.ConfusionMatrix;
import org.mtl4j.metrics.tagging.Chunking;
import org.mtl4j.metrics.tagging.EntityReport;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * Builds {@code PKG/training/report.html}: the run's settings and scores, charts of the loss per
 * task, the learning rate and the dev metrics per epoch, then per task a confusion matrix
 * (classification) or per-entity-type precision, recall and F1 (tagging) on dev, each as a chart
 * and a table. Images are PNG files in {@code training/report/}, linked relatively, so the page
 * opens offline and the folder can be copied as a whole.
 */
public final class ReportPage {

  /** The page's file name in {@code training/}. */
  public static final String HTML = "report.html";

  /** The folder of its images in {@code training/}. */
  public static final String IMAGES = "report";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportPage() {}

  /**
   * Builds (or rebuilds) the report of a trained package.
   *
   * @param packageDir the package folder
   * @return the HTML file
   * @throws IllegalArgumentException when the package or its run files are missing or malformed
   */
  public static Path build(Path packageDir) {
    ModelPackage pkg = ModelPackage.open(packageDir);
    RunFiles run = RunFiles.of(packageDir);
    LossLog log = LossLog.read(run.log());
    List<Map<String, Map<String, Double>>> epochs = run.epochs();
    List<TaskOutcome> outcomes = run.outcomes();
    Path images = run.dir().resolve(IMAGES);
    StringBuilder html = new StringBuilder();
    head(html, packageDir, pkg.manifest(), run.bestEpoch(), log);
    html.append("<h2>Training</h2>\n");
    image(html, images, "loss.png", ReportCharts.losses(log), "loss per task");
    image(html, images, "learning-rate.png", ReportCharts.learningRate(log), "learning rate");
    html.append("<h2>Dev metrics per epoch</h2>\n");
    if (!epochs.isEmpty()) {
      image(
          html,
          images,
          "dev-metrics.png",
          ReportCharts.devMetrics(epochs),
          "dev metrics per epoch");
    }
    epochTable(html, epochs, run.bestEpoch());
    for (TaskOutcome outcome : outcomes) {
      html.append("<h2>")
          .append(escape(outcome.task()))
          .append(" (")
          .append(escape(outcome.type().fileName()))
          .append(", ")
          .append(outcome.gold().size())
          .append(" dev examples)</h2>\n");
      if (outcome.type() == TaskType.NER) {
        EntityReport report =
            EntityReport.of(outcome.gold(), outcome.predicted(), Chunking.LENIENT);
        image(
            html,
            images,
            "entities-" + fileName(outcome.task()) + ".png",
            ReportCharts.entityScores(outcome.task(), report),
            outcome.task() + " entity scores");
        entityTable(html, report);
      } else {
        ConfusionMatrix matrix =
            ConfusionMatrix.of(outcome.goldLabels(), outcome.predictedLabels());
        image(
            html,
            images,
            "confusion-" + fileName(outcome.task()) + ".png",
            ReportCharts.confusion(outcome.task(), matrix),
            outcome.task() + " confusion matrix");
        confusionTable(html, matrix);
      }
    }
    html.append("</body>\n</html>\n");
    Path file = run.dir().resolve(HTML);
    AtomicFiles.writeString(file, html.toString());
    return file;
  }

  private static void head(
      StringBuilder html, Path dir, Manifest manifest, int bestEpoch, LossLog log) {
    Map<String, String> p = manifest.provenance();
    String title = "Training report: " + dir.toAbsolutePath().normalize().getFileName();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:sans-serif;max-width:1500px;margin:1em auto;padding:0 1em;color:#222}\n")
        .append(
            "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 8px;")
        .append(
            "text-align:right}th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}\n")
        .append(
            "td.hit{background:#dbe9f6;font-weight:bold}td.miss{background:#fde0dd}img{display:block;margin:.5em 0}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n<table>\n");
    row(html, "encoder", p.getOrDefault("encoder", manifest.encoder().family()));
    row(html, "epochs (best on dev)", p.getOrDefault("epochs", "?") + " (" + bestEpoch + ")");
    row(html, "batches logged", Integer.toString(log.batches()));
    row(html, "seed", p.getOrDefault("seed", "?"));
    row(html, "max sequence length", Integer.toString(manifest.tokenizer().maxLength()));
    html.append("</table>\n");
    scores(
        html,
        "Scores of the package's weights",
        metrics(p.get("dev_metrics")),
        metrics(p.get("test_metrics")));
  }

  private static void scores(
      StringBuilder html,
      String caption,
      Map<String, Map<String, Double>> dev,
      Map<String, Map<String, Double>> test) {
    html.append("<h2>")
        .append(caption)
        .append("</h2>\n<table>\n<tr><th>task</th><th>metric</th><th>dev</th><th>test</th></tr>\n");
    dev.forEach(
        (task, metrics) ->
            metrics.forEach(
                (metric, value) ->
                    html.append("<tr><td>")
                        .append(escape(task))
                        .append("</td><td>")
                        .append(escape(metric))
                        .append("</td><td>")
                        .append(number(value))
                        .append("</td><td>")
                        .append(number(test.getOrDefault(task, Map.of()).get(metric)))
                        .append("</td></tr>\n")));
    html.append("</table>\n");
  }

  private static void epochTable(
      StringBuilder html, List<Map<String, Map<String, Double>>> epochs, int best) {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (int e = 0; e < epochs.size(); e++) {
      int epoch = e;
      epochs
          .get(e)
          .forEach(
              (task, metrics) ->
                  metrics.forEach(
                      (metric, value) -> {
                        rows.computeIfAbsent(task + "." + metric, k -> new String[epochs.size()])[
                                epoch] =
                            number(value);
                      }));
    }
    html.append("<table>\n<tr><th>metric</th>");
    for (int e = 1; e <= epochs.size(); e++) {
      html.append("<th>epoch ").append(e).append(e == best ? " (best)" : "").append("</th>");
    }
    html.append("</tr>\n");
    rows.forEach(
        (name, values) -> {
          html.append("<tr><td>").append(escape(name)).append("</td>");
          for (String v : values) {
            html.append("<td>").append(v == null ? "" : v).append("</td>");
          }
          html.append("</tr>\n");
        });
    html.append("</table>\n");
  }

  private static void entityTable(StringBuilder html, EntityReport report) {
    html.append(
        "<table>\n<tr><th>entity type</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n");
    for (LabelScores s : report.table().labels()) {
      prfRow(html, s.label(), s.scores());
    }
    prfRow(html, "micro average", report.table().micro());
    prfRow(html, "macro average", report.table().macro());
    html.append("</table>\n");
  }

  private static void prfRow(StringBuilder html, String label, PrecisionRecallF1 s) {
    html.append("<tr><td>")
        .append(escape(label))
        .append("</td><td>")
        .append(number(100 * s.precision()))
        .append("</td><td>")
        .append(number(100 * s.recall()))
        .append("</td><td>")
        .append(number(100 * s.f1()))
        .append("</td><td>")
        .append(s.support())
        .append("</td></tr>\n");
  }

  private static void confusionTable(StringBuilder html, ConfusionMatrix matrix) {
    List<String> labels = matrix.labels();
    long[][] counts = matrix.toArray();
    html.append("<p>accuracy ")
        .append(number(100 * matrix.accuracy()))
        .append(" % (")
        .append(matrix.correct())
        .append(" of ")
        .append(matrix.total())
        .append(")</p>\n<table>\n<tr><th>gold \\ predicted</th>");
    labels.forEach(l -> html.append("<th>").append(escape(l)).append("</th>"));
    html.append("</tr>\n");
    for (int g = 0; g < labels.size(); g++) {
      html.append("<tr><th>").append(escape(labels.get(g))).append("</th>");
      for (int p = 0; p < labels.size(); p++) {
        String css = counts[g][p] == 0 ? "" : g == p ? " class=\"hit\"" : " class=\"miss\"";
        html.append("<td")
            .append(css)
            .append(">")
            .append(counts[g][p] == 0 ? "" : counts[g][p])
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static void image(StringBuilder html, Path images, String name, byte[] png, String alt) {
    AtomicFiles.write(images.resolve(name), out -> out.write(png));
    html.append("<img src=\"")
        .append(IMAGES)
        .append('/')
        .append(name)
        .append("\" alt=\"")
        .append(escape(alt))
        .append("\">\n");
  }

  private static void row(StringBuilder html, String key, String value) {
    html.append("<tr><th>")
        .append(escape(key))
        .append("</th><td>")
        .append(escape(value))
        .append("</td></tr>\n");
  }

  private static Map<String, Map<String, Double>> metrics(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(
          json, new TypeReference<LinkedHashMap<String, Map<String, Double>>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("the manifest's metrics are not JSON: " + e.getMessage(), e);
    }
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String fileName(String task) {
    return task.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
