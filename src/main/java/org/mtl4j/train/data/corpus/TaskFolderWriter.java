package org.mtl4j.train.data.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.mtl4j.metrics.io.PythonListLiteral;
import org.mtl4j.train.tasks.Split;

/**
 * Writes a corpus as a task folder: one TSV file per task and split, label files, and a {@code
 * tasks.yml} that {@code mtl train} reads as it is. All files are staged and renamed into place
 * together; on failure the folder's existing files stay as they were.
 *
 * <p>Label files list every label seen in any split, so dev and test rows never miss a label; tags
 * are listed {@code O} first, then by entity type, {@code B-} before {@code I-}.
 */
public final class TaskFolderWriter {

  /** The name of the task file written into the folder. */
  public static final String TASK_FILE = "tasks.yml";

  /** The fragment-detection task's labels, in index order. */
  public static final List<String> FRAGMENT_LABELS = List.of("whole", "fragment");

  /**
   * What was written.
   *
   * @param taskFile the task file
   * @param rows per task and split, the number of rows written
   */
  public record Written(Path taskFile, Map<String, Map<Split, Integer>> rows) {}

  private TaskFolderWriter() {}

  /**
   * Writes the original library's three SNIPS tasks: {@code intent} (single-sentence
   * classification), {@code ner} (slot tagging) and {@code fragdetect} (is the text a whole
   * utterance or a fragment of one).
   *
   * @param corpus utterances with intents
   * @param out the folder to write (created if missing)
   * @param fragments how fragments are drawn
   * @param progress receives one line per step
   * @return the task file and row counts
   */
  public static Written intentSlotsAndFragments(
      Corpus corpus, Path out, Fragments fragments, Consumer<String> progress) {
    for (Split split : Split.values()) {
      for (Utterance u : corpus.split(split)) {
        if (u.intent() == null) {
          throw new IllegalArgumentException(corpus.source() + ": an utterance has no intent");
        }
      }
    }
    Map<String, Map<Split, Integer>> rows = new LinkedHashMap<>();
    try (StagedFiles files = new StagedFiles(out)) {
      for (Split split : Split.values()) {
        List<Utterance> us = corpus.split(split);
        StringBuilder intent = new StringBuilder();
        StringBuilder frag = new StringBuilder();
        List<List<String>> drawn = fragments.of(us, split.ordinal());
        int fragRows = 0;
        for (int i = 0; i < us.size(); i++) {
          Utterance u = us.get(i);
          intent
              .append(i)
              .append('\t')
              .append(u.intent())
              .append('\t')
              .append(u.text())
              .append('\n');
          frag.append(i).append("\twhole\t").append(u.text()).append('\n');
          fragRows++;
          if (!drawn.get(i).isEmpty()) {
            frag.append(i)
                .append("-f\tfragment\t")
                .append(String.join(" ", drawn.get(i)))
                .append('\n');
            fragRows++;
          }
        }
        files.write("intent_" + split.label() + ".tsv", intent.toString());
        files.write("ner_" + split.label() + ".tsv", nerRows(us));
        files.write("fragdetect_" + split.label() + ".tsv", frag.toString());
        rows.computeIfAbsent("intent", k -> new EnumMap<>(Split.class)).put(split, us.size());
        rows.computeIfAbsent("ner", k -> new EnumMap<>(Split.class)).put(split, us.size());
        rows.computeIfAbsent("fragdetect", k -> new EnumMap<>(Split.class)).put(split, fragRows);
        progress.accept(
            split.label()
                + ": "
                + us.size()
                + " utterances, "
                + (fragRows - us.size())
                + " fragments");
      }
      files.write("intent_labels.txt", lines(intents(corpus)));
      files.write("ner_labels.txt", lines(tags(corpus)));
      files.write(
          TASK_FILE,
          header(corpus)
              + task(
                  "intent",
                  "SingleSenClassification",
                  "CrossEntropyLoss",
                  "intent_labels.txt",
                  "[classification_accuracy]")
              + task(
                  "ner",
                  "NER",
                  "NERLoss",
                  "ner_labels.txt",
                  "[snips_f1_score, snips_precision, snips_recall]")
              + task(
                  "fragdetect",
                  "SingleSenClassification",
                  "CrossEntropyLoss",
                  "[" + String.join(", ", FRAGMENT_LABELS) + "]",
                  "[classification_accuracy]"));
      files.commit();
    }
    progress.accept("wrote intent, ner and fragdetect tasks to " + out);
    return new Written(out.resolve(TASK_FILE), rows);
  }

  /**
   * Writes one tagging task.
   *
   * @param corpus tagged sentences
   * @param out the folder to write (created if missing)
   * @param taskName the task's name, also the prefix of its files
   * @param progress receives one line per step
   * @return the task file and row counts
   */
  public static Written tagging(
      Corpus corpus, Path out, String taskName, Consumer<String> progress) {
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    try (StagedFiles files = new StagedFiles(out)) {
      for (Split split : Split.values()) {
        List<Utterance> us = corpus.split(split);
        files.write(taskName + "_" + split.label() + ".tsv", nerRows(us));
        counts.put(split, us.size());
        progress.accept(split.label() + ": " + us.size() + " sentences");
      }
      files.write(taskName + "_labels.txt", lines(tags(corpus)));
      files.write(
          TASK_FILE,
          header(corpus)
              + task(
                  taskName,
                  "NER",
                  "NERLoss",
                  taskName + "_labels.txt",
                  "[seqeval_f1_score, seqeval_precision, seqeval_recall]"));
      files.commit();
    }
    progress.accept("wrote task " + taskName + " to " + out);
    return new Written(out.resolve(TASK_FILE), Map.of(taskName, counts));
  }

  private static String nerRows(List<Utterance> us) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < us.size(); i++) {
      Utterance u = us.get(i);
      out.append(i)
          .append('\t')
          .append(PythonListLiteral.format(u.tags()))
          .append('\t')
          .append(PythonListLiteral.format(u.words()))
          .append('\n');
    }
    return out.toString();
  }

  private static List<String> intents(Corpus corpus) {
    TreeSet<String> intents = new TreeSet<>();
    for (Split split : Split.values()) {
      corpus.split(split).forEach(u -> intents.add(u.intent()));
    }
    return new ArrayList<>(intents);
  }

  private static List<String> tags(Corpus corpus) {
    Comparator<String> order =
        Comparator.comparing((String t) -> !t.equals("O"))
            .thenComparing(t -> t.substring(t.indexOf('-') + 1))
            .thenComparing(Comparator.naturalOrder());
    TreeSet<String> tags = new TreeSet<>(order);
    for (Split split : Split.values()) {
      corpus.split(split).forEach(u -> tags.addAll(u.tags()));
    }
    return new ArrayList<>(tags);
  }

  private static String lines(List<String> labels) {
    return String.join("\n", labels) + "\n";
  }

  private static String header(Corpus corpus) {
    return "# Written by mtl4j from "
        + corpus.source()
        + ".\n"
        + "# File names are relative to this file; see the README for every key.\n";
  }

  private static String task(String name, String type, String loss, String labels, String metrics) {
    return name
        + ":\n"
        + "  task_type: "
        + type
        + "\n"
        + "  loss_type: "
        + loss
        + "\n"
        + "  file_names: ["
        + name
        + "_train.tsv, "
        + name
        + "_dev.tsv, "
        + name
        + "_test.tsv]\n"
        + "  label_map_or_file: "
        + labels
        + "\n"
        + "  dropout_prob: 0.1\n"
        + "  metrics: "
        + metrics
        + "\n";
  }
}
