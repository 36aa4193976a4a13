package org.mtl4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.mtl4j.train.data.corpus.ConllFormat;
import org.mtl4j.train.data.corpus.Corpus;
import org.mtl4j.train.data.corpus.Fragments;
import org.mtl4j.train.data.corpus.SnipsFormat;
import org.mtl4j.train.data.corpus.TaskFolderWriter;
import org.mtl4j.train.data.corpus.Utterance;
import org.mtl4j.train.tasks.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtl transform}: turns a raw corpus into a task folder that {@code mtl train} reads. */
@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description = {
      "Turns a raw corpus into TSV task files, label files and a ready tasks.yml.",
      "  snips: IN_DIR holds train.txt, dev.txt, test.txt in the raw SNIPS format (word TAG"
          + " lines, the intent last, blank lines between utterances); writes the tasks intent,"
          + " ner and fragdetect.",
      "  conll: IN_DIR holds CoNLL-2003 column files (word POS chunk NER) named train.txt,"
          + " dev.txt (or valid.txt, testa) and test.txt (or testb), or eng.train, eng.testa,"
          + " eng.testb; writes the task ner.",
      "Files are written atomically; on failure OUT_DIR keeps its existing files."
    })
public final class TransformCommand implements Callable<Integer> {

  private static final Map<Split, List<String>> CONLL_NAMES =
      Map.of(
          Split.TRAIN, List.of("train.txt", "eng.train", "train"),
          Split.DEV, List.of("dev.txt", "valid.txt", "testa.txt", "eng.testa", "testa"),
          Split.TEST, List.of("test.txt", "testb.txt", "eng.testb", "testb"));

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FORMAT", description = "snips or conll")
  String format;

  @Parameters(index = "1", paramLabel = "IN_DIR", description = "folder with the raw files")
  Path in;

  @Parameters(index = "2", paramLabel = "OUT_DIR", description = "folder to write (created)")
  Path out;

  @Option(
      names = "--fragment-fraction",
      paramLabel = "X",
      defaultValue = "0.5",
      description =
          "snips: share of utterances that also give a fragment (default: ${DEFAULT-VALUE})")
  double fragmentFraction;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "snips: seed of the fragment draws (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--json", description = "print the summary as JSON")
  boolean json;

  @Override
  public Integer call() {
    if (!Files.isDirectory(in)) {
      throw new UsageException("IN_DIR " + in + " is not a folder");
    }
    PrintWriter err = spec.commandLine().getErr();
    TaskFolderWriter.Written written =
        switch (format.toLowerCase(Locale.ROOT)) {
          case "snips" ->
              TaskFolderWriter.intentSlotsAndFragments(
                  corpus(
                      "SNIPS files in " + in,
                      split -> in.resolve(split.label() + ".txt"),
                      SnipsFormat::read),
                  out,
                  new Fragments(fragmentFraction, seed),
                  line -> progress(err, line));
          case "conll" ->
              TaskFolderWriter.tagging(
                  corpus("CoNLL files in " + in, this::conllFile, ConllFormat::read),
                  out,
                  "ner",
                  line -> progress(err, line));
          default ->
              throw new UsageException("unknown FORMAT '" + format + "'; use snips or conll");
        };
    report(written);
    return 0;
  }

  private Corpus corpus(
      String source, Function<Split, Path> files, Function<Path, List<Utterance>> reader) {
    PrintWriter err = spec.commandLine().getErr();
    List<List<Utterance>> splits =
        List.of(Split.values()).stream()
            .map(
                split -> {
                  Path file = files.apply(split);
                  progress(err, "reading " + file);
                  return reader.apply(file);
                })
            .toList();
    return new Corpus(source, splits.get(0), splits.get(1), splits.get(2));
  }

  private Path conllFile(Split split) {
    for (String name : CONLL_NAMES.get(split)) {
      Path file = in.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new UsageException(
        "no " + split.label() + " file in " + in + "; expected one of " + CONLL_NAMES.get(split));
  }

  private static void progress(PrintWriter err, String line) {
    err.println("transform: " + line);
    err.flush();
  }

  private void report(TaskFolderWriter.Written written) {
    PrintWriter outWriter = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      root.put("taskFile", written.taskFile().toString());
      ObjectNode tasks = root.putObject("tasks");
      written
          .rows()
          .forEach(
              (task, counts) -> {
                ObjectNode t = tasks.putObject(task);
                counts.forEach((split, n) -> t.put(split.label(), n));
              });
      outWriter.println(root.toPrettyString());
    } else {
      written
          .rows()
          .forEach(
              (task, counts) ->
                  outWriter.printf(
                      "%-12s train %7d  dev %6d  test %6d%n",
                      task,
                      counts.get(Split.TRAIN),
                      counts.get(Split.DEV),
                      counts.get(Split.TEST)));
      outWriter.println("task file: " + written.taskFile());
    }
    outWriter.flush();
  }
}
