package org.mtl4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mtl4j.metrics.Metrics;
import org.mtl4j.metrics.classification.ClassificationReport;
import org.mtl4j.metrics.classification.MultiLabelScores;
import org.mtl4j.metrics.io.FileScorer;
import org.mtl4j.metrics.tagging.Chunking;
import org.mtl4j.metrics.tagging.EntityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mtl score}: scores a prediction file against a gold file with the metrics a task file
 * names, both files in the original library's TSV formats, rows matched by uid.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Scores predictions against gold labels with the original library's metrics.",
      "Files: uid<TAB>label<TAB>... (classification) or uid<TAB>['B-x', 'O', ...]<TAB>[words] (tagging);"
          + " rows are matched by uid.",
    })
public final class ScoreCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--metrics",
      required = true,
      split = ",",
      paramLabel = "NAME",
      description =
          "Metrics to compute, comma-separated, as a task file names them "
              + "(e.g. classification_accuracy, seqeval_f1_score, snips_f1_score).")
  List<String> metrics;

  @Option(names = "--gold", required = true, paramLabel = "FILE", description = "Gold TSV file.")
  Path gold;

  @Option(
      names = "--pred",
      required = true,
      paramLabel = "FILE",
      description = "Prediction TSV file.")
  Path pred;

  @Option(
      names = "--report",
      description =
          "Also print the per-class (classification), per-entity-type (tagging) or per-label (multi-label) report; text output only.")
  boolean report;

  @Option(
      names = "--chunking",
      paramLabel = "MODE",
      defaultValue = "LENIENT",
      description =
          "How --report cuts tags into entities: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  Chunking chunking;

  @Option(names = "--json", description = "Print {\"metric_name\": value, ...}.")
  boolean json;

  @Override
  public Integer call() {
    if (json && report) {
      throw new UsageException("--report prints text; use it without --json");
    }
    FileScorer scorer = FileScorer.open(metrics, gold, pred);
    Map<String, Double> scores = scorer.scores();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(scores));
    } else {
      scores.forEach(
          (name, value) ->
              out.printf(
                  Locale.ROOT,
                  "%-28s %10.4f  (%s)%n",
                  name,
                  value,
                  Metrics.lookup(name).scale().name().toLowerCase(Locale.ROOT)));
      if (report) {
        out.println();
        out.print(reportText(scorer, chunking));
      }
    }
    out.flush();
    return 0;
  }

  private static String reportText(FileScorer scorer, Chunking chunking) {
    return switch (scorer.input()) {
      case LABELS -> ClassificationReport.of(scorer.goldLabels(), scorer.predLabels()).toText();
      case TAG_SEQUENCES ->
          "entities, "
              + chunking
              + " chunking\n"
              + EntityReport.of(scorer.goldLists(), scorer.predLists(), chunking).table().toText(4);
      case LABEL_SETS ->
          MultiLabelScores.of(
                  scorer.goldLists().stream().map(LinkedHashSet::new).toList(),
                  scorer.predLists().stream().map(LinkedHashSet::new).toList())
              .table()
              .toText(4);
    };
  }

  private static String toJson(Map<String, Double> scores) {
    try {
      return JSON.writeValueAsString(scores);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the scores as JSON", e);
    }
  }
}
