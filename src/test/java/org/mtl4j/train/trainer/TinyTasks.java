package org.mtl4j.train.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A small generated data set with all four task types over a vocabulary that fits the tiny presets:
 * {@code intent} (play, weather, book), {@code ner} (genre, city and number slots) over the same
 * sentences, {@code pair} (do two sentences share an intent) and {@code tags} (which slot kinds a
 * sentence mentions, multi-label).
 */
public final class TinyTasks {

  private static final List<String> GENRES = List.of("jazz", "rock", "pop", "blues");
  private static final List<String> CITIES = List.of("paris", "boston", "oslo", "lima");
  private static final List<String> NUMBERS = List.of("two", "three", "four", "five");
  private static final String[][] TEMPLATES = {
    {"play", "play some {genre} music"},
    {"play", "play {genre} now"},
    {"weather", "what is the weather in {city}"},
    {"weather", "weather in {city} now"},
    {"book", "book a table for {number}"},
    {"book", "book a table in {city} for {number}"},
  };

  private TinyTasks() {}

  /** A generated sentence: words, tags, intent and the multi-label set. */
  private record Row(List<String> words, List<String> tags, String intent, List<String> kinds) {
    String text() {
      return String.join(" ", words);
    }
  }

  /**
   * The {@code mtl train} arguments the tests train tiny packages with: batch 8, learning rate
   * 2e-3, no warm-up, 24 tokens, seed 3, no progress bar.
   *
   * @param tasks the task file
   * @param out the package folder
   * @param encoder the encoder preset, e.g. {@code tiny-bert}
   * @param epochs the epochs
   * @param more further arguments, e.g. {@code --json}
   * @return the arguments, {@code train} first
   */
  public static String[] trainArgs(
      Path tasks, Path out, String encoder, int epochs, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--tasks",
                tasks.toString(),
                "--out",
                out.toString(),
                "--encoder",
                encoder,
                "--epochs",
                Integer.toString(epochs),
                "--batch-size",
                "8",
                "--lr",
                "2e-3",
                "--warmup",
                "0",
                "--max-seq-len",
                "24",
                "--seed",
                "3",
                "--no-progress"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * Writes the four tasks' train, dev and test files and {@code tasks.yml}.
   *
   * @param dir the folder to write
   * @param train training rows per task
   * @param heldOut dev and test rows per task
   * @param seed the generator's seed
   * @return the task file
   */
  public static Path write(Path dir, int train, int heldOut, long seed) {
    Random random = new Random(seed);
    try {
      Files.createDirectories(dir);
      String[] splits = {"train", "dev", "test"};
      int[] sizes = {train, heldOut, heldOut};
      for (int s = 0; s < splits.length; s++) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sizes[s]; i++) {
          rows.add(row(random));
        }
        StringBuilder intent = new StringBuilder();
        StringBuilder ner = new StringBuilder();
        StringBuilder pair = new StringBuilder();
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
          Row r = rows.get(i);
          Row other = rows.get((i * 7 + 3) % rows.size());
          intent
              .append(i)
              .append('\t')
              .append(r.intent())
              .append('\t')
              .append(r.text())
              .append('\n');
          ner.append(i)
              .append('\t')
              .append(literal(r.tags()))
              .append('\t')
              .append(literal(r.words()))
              .append('\n');
          pair.append(i)
              .append('\t')
              .append(r.intent().equals(other.intent()) ? "same" : "different")
              .append('\t')
              .append(r.text())
              .append('\t')
              .append(other.text())
              .append('\n');
          tags.append(i)
              .append('\t')
              .append(literal(r.kinds()))
              .append('\t')
              .append(r.text())
              .append(" please")
              .append('\n');
        }
        Files.writeString(dir.resolve("intent_" + splits[s] + ".tsv"), intent);
        Files.writeString(dir.resolve("ner_" + splits[s] + ".tsv"), ner);
        Files.writeString(dir.resolve("pair_" + splits[s] + ".tsv"), pair);
        Files.writeString(dir.resolve("tags_" + splits[s] + ".tsv"), tags);
      }
      return Files.writeString(
          dir.resolve("tasks.yml"),
          """
          intent:
            task_type: SingleSenClassification
            loss_type: CrossEntropyLoss
            file_names: [intent_train.tsv, intent_dev.tsv, intent_test.tsv]
            label_map_or_file: [play, weather, book]
            metrics: [classification_accuracy]
            dropout_prob: 0.1
          ner:
            task_type: NER
            loss_type: NERLoss
            file_names: [ner_train.tsv, ner_dev.tsv, ner_test.tsv]
            label_map_or_file: [O, B-genre, B-city, B-number]
            metrics: [seqeval_f1_score, snips_f1_score]
            dropout_prob: 0.1
          pair:
            task_type: SentencePairClassification
            loss_type: CrossEntropyLoss
            file_names: [pair_train.tsv, pair_dev.tsv, pair_test.tsv]
            label_map_or_file: [same, different]
            metrics: [classification_accuracy]
            loss_weight: 0.5
          tags:
            task_type: MultiLabelClassification
            loss_type: BCEWithLogitsLoss
            file_names: [tags_train.tsv, tags_dev.tsv, tags_test.tsv]
            label_map_or_file: [music, place, count, now]
            metrics: [multilabel_micro_f1, multilabel_subset_accuracy]
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Row row(Random random) {
    String[] template = TEMPLATES[random.nextInt(TEMPLATES.length)];
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (String part : template[1].split(" ")) {
      switch (part) {
        case "{genre}" -> slot(words, tags, kinds, GENRES, "genre", "music", random);
        case "{city}" -> slot(words, tags, kinds, CITIES, "city", "place", random);
        case "{number}" -> slot(words, tags, kinds, NUMBERS, "number", "count", random);
        default -> {
          words.add(part);
          tags.add("O");
          if (part.equals("now")) {
            kinds.add("now");
          }
        }
      }
    }
    return new Row(words, tags, template[0], kinds);
  }

  private static void slot(
      List<String> words,
      List<String> tags,
      List<String> kinds,
      List<String> values,
      String tag,
      String kind,
      Random random) {
    words.add(values.get(random.nextInt(values.size())));
    tags.add("B-" + tag);
    kinds.add(kind);
  }

  private static String literal(List<String> items) {
    return items.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
  }
}
