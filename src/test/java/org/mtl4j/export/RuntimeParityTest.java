package org.mtl4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.cli.CliRun;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.LabelScore;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.MultiLabelResult;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TaggingResult;
import org.mtl4j.runtime.WordTag;
import org.mtl4j.train.trainer.TinyTasks;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Training, export and serving agree. For every family's tiny preset (and MiniLM, whose WordPiece
 * splits words further), a package trained on all four task types is exported, the exported file is
 * served by the runtime, and the runtime's typed results on the dev texts equal those decoded from
 * the package's reference outputs for the same rows (the {@code dev-<task>} batches the trainer
 * recorded). Tags are read at the positions where the reference holds a gold tag, the first
 * sub-token training chose for each word, so the runtime's word alignment is checked against
 * training's.
 */
class RuntimeParityTest {

  private static final double TOLERANCE = 1e-5;

  /**
   * A dev row whose words hold punctuation the tokenizer's pre-tokenizer splits off: training tags
   * the whole whitespace word, so serving must too.
   */
  private static final String PUNCTUATED_ROW =
      "p\t['O', 'O', 'B-city', 'O', 'B-number']\t['weather', 'in', 'paris,', 'e.g.', 'two!']\n";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void servedResultsEqualTheReferenceDecoded(EncoderFamily family) throws IOException {
    assertServingMatchesReference("tiny-" + family.modelType());
  }

  /**
   * The tiny presets' tokenizers split on whitespace only; MiniLM's WordPiece splits the punctuated
   * row's words further, where serving must still tag whole words as training does.
   */
  @Test
  void subWordTokenizerTagsTheWordsTrainingTagged() throws IOException {
    assertServingMatchesReference("all-minilm-l6-v2");
  }

  private void assertServingMatchesReference(String encoder) throws IOException {
    Path data = dir.resolve("data");
    Path tasks = TinyTasks.write(data, 16, 8, 5);
    Path nerDev = data.resolve("ner_dev.tsv");
    Files.writeString(nerDev, PUNCTUATED_ROW + Files.readString(nerDev));
    Path pkgDir = dir.resolve("pkg");
    train(
        "train",
        "--tasks",
        tasks.toString(),
        "--out",
        pkgDir.toString(),
        "--encoder",
        encoder,
        "--epochs",
        "1",
        "--batch-size",
        "8",
        "--lr",
        "2e-3",
        "--max-seq-len",
        "24",
        "--seed",
        "3",
        "--no-progress",
        "--json");
    ModelPackage pkg = ModelPackage.open(pkgDir);
    ExportResult exported =
        PackageExporter.export(pkg, pkg.file(ModelPackage.MODEL_ONNX), List.of());
    assertThat(exported.report().passed()).as(exported.report().toText()).isTrue();
    ReferenceSet reference = ReferenceSet.read(pkg.file(ModelPackage.REFERENCE));

    try (MtlModel model =
        MtlModel.load(
            pkg.file(ModelPackage.MODEL_ONNX),
            RuntimeOptions.builder().optIntraOpThreads(1).build())) {
      for (TaskSpec task : model.manifest().tasks()) {
        ReferenceBatch batch = reference.batch("dev-" + task.name());
        List<ModelInput> inputs =
            devInputs(data.resolve(task.name() + "_dev.tsv"), batch.inputIds().length);
        List<Prediction> served = model.predictBatch(inputs, List.of(task.name()));
        FloatTensor logits = batch.outputs().get(task.name() + ".logits");
        for (int row = 0; row < inputs.size(); row++) {
          String where = encoder + " " + task.name() + " dev row " + row;
          switch (task.type()) {
            case NER ->
                assertTags(
                    served.get(row).get(task.name(), TaggingResult.class),
                    task,
                    logits,
                    batch.gold().get(task.name())[row],
                    row,
                    inputs.get(row).text(),
                    where);
            case MULTI_LABEL_CLASSIFICATION ->
                assertMultiLabel(
                    served.get(row).get(task.name(), MultiLabelResult.class),
                    task,
                    row(logits, row),
                    where);
            default ->
                assertClassification(
                    served.get(row).get(task.name(), ClassificationResult.class),
                    task,
                    row(logits, row),
                    where);
          }
        }
      }
    }
  }

  /**
   * The first {@code rows} inputs of a TinyTasks dev file: the text column(s) after uid and label.
   */
  private static List<ModelInput> devInputs(Path file, int rows) throws IOException {
    List<ModelInput> inputs = new ArrayList<>();
    for (String line : Files.readAllLines(file).subList(0, rows)) {
      String[] columns = line.split("\t");
      String text = columns[2].startsWith("[") ? words(columns[2]) : columns[2];
      inputs.add(columns.length == 4 ? ModelInput.pair(text, columns[3]) : ModelInput.of(text));
    }
    return inputs;
  }

  /** {@code ['a', 'b']} to {@code a b}: the words training joins. */
  private static String words(String literal) {
    return String.join(" ", literal.substring(2, literal.length() - 2).split("', '"));
  }

  private static double[] row(FloatTensor logits, int row) {
    int n = (int) logits.shape()[1];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = logits.data()[row * n + i];
    }
    return out;
  }

  private static double[] softmax(double[] logits) {
    double max = Arrays.stream(logits).max().orElseThrow();
    double[] p = Arrays.stream(logits).map(l -> Math.exp(l - max)).toArray();
    double sum = Arrays.stream(p).sum();
    return Arrays.stream(p).map(v -> v / sum).toArray();
  }

  private static int argmax(double[] p) {
    return IntStream.range(0, p.length).reduce((a, b) -> p[b] > p[a] ? b : a).orElseThrow();
  }

  private static void assertClassification(
      ClassificationResult actual, TaskSpec task, double[] logits, String where) {
    double[] p = softmax(logits);
    int best = argmax(p);
    assertThat(actual.label()).as(where).isEqualTo(task.labels().get(best));
    for (int c = 0; c < p.length; c++) {
      assertThat(actual.probabilities().get(task.labels().get(c)))
          .as(where)
          .isCloseTo(p[c], within(TOLERANCE));
    }
    assertThat(actual.score()).as(where).isCloseTo(p[best], within(TOLERANCE));
  }

  private static void assertMultiLabel(
      MultiLabelResult actual, TaskSpec task, double[] logits, String where) {
    List<String> expected = new ArrayList<>();
    for (int c = 0; c < logits.length; c++) {
      double p = 1 / (1 + Math.exp(-logits[c]));
      if (p >= actual.threshold()) {
        expected.add(task.labels().get(c));
      }
    }
    assertThat(actual.labels())
        .as(where)
        .extracting(LabelScore::label)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (LabelScore s : actual.labels()) {
      double logit = logits[task.labels().indexOf(s.label())];
      assertThat(s.score()).as(where).isCloseTo(1 / (1 + Math.exp(-logit)), within(TOLERANCE));
    }
  }

  /** Word by word: the runtime's tag equals the reference's at the position training labelled. */
  private static void assertTags(
      TaggingResult actual,
      TaskSpec task,
      FloatTensor logits,
      long[] gold,
      int row,
      String text,
      String where) {
    int sequence = (int) logits.shape()[1];
    int tags = (int) logits.shape()[2];
    String[] words = text.split(" ");
    List<WordTag> served = actual.tags();
    assertThat(served).as(where).extracting(WordTag::word).containsExactly(words);
    int word = 0;
    for (int position = 0; position < sequence; position++) {
      if (gold[position] == ReferenceBatch.IGNORED) {
        continue;
      }
      double[] scores = new double[tags];
      for (int t = 0; t < tags; t++) {
        scores[t] = logits.data()[(row * sequence + position) * tags + t];
      }
      double[] p = softmax(scores);
      int best = argmax(p);
      WordTag tag = served.get(word++);
      assertThat(tag.tag())
          .as("%s word '%s'", where, tag.word())
          .isEqualTo(task.labels().get(best));
      assertThat(tag.score())
          .as("%s word '%s'", where, tag.word())
          .isCloseTo(p[best], within(TOLERANCE));
    }
    assertThat(word).as(where + ": words training labelled").isEqualTo(words.length);
  }

  private static void train(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as("mtl %s: %s", String.join(" ", args), run.err()).isZero();
  }
}
