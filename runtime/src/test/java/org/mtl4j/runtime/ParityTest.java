package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixturePackage;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.LogitsOracle;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * The runtime's typed results equal results decoded independently from reference logits, for every
 * task type, on the real MiniLM encoder with heads and on the tiny model, batched and alone,
 * including texts longer than the maximum length.
 */
class ParityTest {

  private static final double TOLERANCE = 1e-5;

  static final List<String> TEXTS =
      List.of(
          "book a table for two at Luigi's in Berlin tomorrow",
          "Hello there!",
          "cancel my subscription, please",
          "Angela Merkel visited Paris and met Emmanuel Macron.",
          "x",
          "");

  static final List<List<String>> PAIRS =
      List.of(
          List.of("A man is playing a guitar.", "Someone plays music."),
          List.of("The cat sleeps.", "A dog barks loudly at the mailman every single morning."));

  @Test
  void miniLmHeadsMatchReference(@TempDir Path dir) throws Exception {
    try (MiniLmModel fixture = new MiniLmModel(7, FixtureTasks.ALL);
        MtlModel model = MtlModel.load(fixture.writePackage(dir.resolve("pkg"), 64), threads(2))) {
      assertParity(model, fixture, 64, TEXTS);
    }
  }

  @Test
  void tinyModelMatchesReferenceIncludingWindowedLongTexts(@TempDir Path dir) {
    TinyModel fixture = new TinyModel(11, FixtureTasks.ALL, MiniLmModel.VOCAB, true);
    String longText =
        String.join(" ", java.util.Collections.nCopies(40, "Anna flew from Oslo to Rome."));
    List<String> texts = new java.util.ArrayList<>(TEXTS);
    texts.add(longText);
    try (MtlModel model = MtlModel.load(fixture.writePackage(dir.resolve("pkg"), 16), threads(1))) {
      assertParity(model, fixture, 16, texts);
    }
  }

  @Test
  void keptLogitsAreTheGraphsAndLeaveResultsUnchanged(@TempDir Path dir) {
    TinyModel fixture = new TinyModel(11, FixtureTasks.ALL, MiniLmModel.VOCAB, true);
    List<String> texts = new java.util.ArrayList<>(TEXTS);
    texts.add(String.join(" ", java.util.Collections.nCopies(12, "Anna flew from Oslo to Rome.")));
    int tags = FixtureTasks.SLOTS.labels().size();
    try (MtlModel model = MtlModel.load(fixture.writePackage(dir.resolve("pkg"), 16), threads(1));
        ReferencePredictor ref =
            new ReferencePredictor(fixture, FixturePackage.minilmTokenizer(), 16)) {
      List<TokenizedRequest> requests =
          texts.stream().map(t -> model.tokenize(ModelInput.of(t), List.of(), true)).toList();
      List<Prediction> kept = model.run(requests);
      List<Prediction> plain =
          model.predictBatch(texts.stream().map(ModelInput::of).toList(), List.of());
      for (int i = 0; i < texts.size(); i++) {
        Prediction p = kept.get(i);
        assertThat(p.results()).isEqualTo(plain.get(i).results());
        assertThat(plain.get(i).logits()).isEmpty();
        assertThat(p.logits()).containsOnlyKeys("intent", "topics", "slots");
        TokenizedRequest r = requests.get(i);
        for (TaskSpec task : List.of(FixtureTasks.INTENT, FixtureTasks.TOPICS)) {
          float[] expected = fixture.sequenceLogits(task, r.rowIds(0), r.rowTypes(0));
          assertThat(p.logits(task.name())).containsExactly(expected, within(1e-5f));
        }
        List<ReferencePredictor.Word> words = ref.words(FixtureTasks.SLOTS, texts.get(i));
        float[] slots = p.logits("slots");
        assertThat(slots).hasSize(words.size() * tags);
        for (int w = 0; w < words.size(); w++) {
          double[] probabilities = Decoding.softmax(slots, w * tags, tags);
          int best = ReferencePredictor.argmax(probabilities);
          assertThat(FixtureTasks.SLOTS.labels().get(best)).isEqualTo(words.get(w).tag());
          assertThat(probabilities[best]).isCloseTo(words.get(w).score(), within(TOLERANCE));
        }
      }
    }
  }

  @Test
  void leftPaddedBatchesMatchReference(@TempDir Path dir) {
    TinyModel fixture = new TinyModel(13, FixtureTasks.ALL, MiniLmModel.VOCAB, true);
    try (MtlModel model =
        MtlModel.load(fixture.writeLeftPaddedPackage(dir.resolve("pkg"), 16), threads(1))) {
      assertThat(model.manifest().tokenizer().padLeft()).isTrue();
      assertParity(model, fixture, 16, TEXTS);
    }
  }

  @Test
  void wordsAreWhitespaceRunsTaggedFromTheirFirstSubToken(@TempDir Path dir) {
    TinyModel fixture = new TinyModel(17, FixtureTasks.ALL, MiniLmModel.VOCAB, true);
    String text = "  don't stop,\tit's  fine!";
    try (MtlModel model = MtlModel.load(fixture.writePackage(dir.resolve("pkg"), 16), threads(1));
        ReferencePredictor ref =
            new ReferencePredictor(fixture, FixturePackage.minilmTokenizer(), 16)) {
      List<WordTag> tags = model.predict(text).get("slots", TaggingResult.class).tags();
      assertThat(tags)
          .extracting(WordTag::word, WordTag::charStart, WordTag::charEnd)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("don't", 2, 7),
              org.assertj.core.groups.Tuple.tuple("stop,", 8, 13),
              org.assertj.core.groups.Tuple.tuple("it's", 14, 18),
              org.assertj.core.groups.Tuple.tuple("fine!", 20, 25));
      assertTags(
          model.predict(text).get("slots", TaggingResult.class),
          ref.words(FixtureTasks.SLOTS, text),
          text);
    }
  }

  static RuntimeOptions threads(int n) {
    return RuntimeOptions.builder().optIntraOpThreads(n).build();
  }

  private static void assertParity(
      MtlModel model, LogitsOracle oracle, int maxLength, List<String> texts) {
    try (ReferencePredictor ref =
        new ReferencePredictor(oracle, FixturePackage.minilmTokenizer(), maxLength)) {
      List<ModelInput> inputs = texts.stream().map(ModelInput::of).toList();
      List<Prediction> batched = model.predictBatch(inputs, List.of());
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        Prediction alone = model.predict(text);
        for (Prediction p : List.of(batched.get(i), alone)) {
          assertClassification(
              p.get("intent", ClassificationResult.class),
              FixtureTasks.INTENT,
              ref.probabilities(FixtureTasks.INTENT, text));
          assertMultiLabel(
              p.get("topics", MultiLabelResult.class), ref.sigmoids(FixtureTasks.TOPICS, text));
          assertTags(
              p.get("slots", TaggingResult.class), ref.words(FixtureTasks.SLOTS, text), text);
        }
      }
      List<ModelInput> pairs =
          PAIRS.stream().map(p -> ModelInput.pair(p.get(0), p.get(1))).toList();
      List<Prediction> pairResults = model.predictBatch(pairs, List.of());
      for (int i = 0; i < pairs.size(); i++) {
        assertThat(pairResults.get(i).results()).containsOnlyKeys("nli");
        assertClassification(
            pairResults.get(i).get("nli", ClassificationResult.class),
            FixtureTasks.NLI,
            ref.pairProbabilities(FixtureTasks.NLI, PAIRS.get(i).get(0), PAIRS.get(i).get(1)));
      }
    }
  }

  private static void assertClassification(
      ClassificationResult actual, TaskSpec task, double[] expected) {
    int best = ReferencePredictor.argmax(expected);
    assertThat(actual.label()).isEqualTo(task.labels().get(best));
    assertThat(actual.score()).isCloseTo(expected[best], within(TOLERANCE));
    for (int c = 0; c < expected.length; c++) {
      assertThat(actual.probabilities().get(task.labels().get(c)))
          .isCloseTo(expected[c], within(TOLERANCE));
    }
  }

  private static void assertMultiLabel(MultiLabelResult actual, double[] expected) {
    List<String> labels = FixtureTasks.TOPICS.labels();
    List<String> expectedLabels =
        java.util.stream.IntStream.range(0, expected.length)
            .filter(i -> expected[i] >= 0.5)
            .mapToObj(labels::get)
            .toList();
    assertThat(actual.labels())
        .extracting(LabelScore::label)
        .containsExactlyInAnyOrderElementsOf(expectedLabels);
    for (LabelScore s : actual.labels()) {
      assertThat(s.score()).isCloseTo(expected[labels.indexOf(s.label())], within(TOLERANCE));
    }
  }

  private static void assertTags(
      TaggingResult actual, List<ReferencePredictor.Word> expected, String text) {
    assertThat(actual.tags()).hasSameSizeAs(expected);
    for (int w = 0; w < expected.size(); w++) {
      WordTag tag = actual.tags().get(w);
      ReferencePredictor.Word want = expected.get(w);
      assertThat(tag.tag()).as("tag of word %d in '%s'", w, text).isEqualTo(want.tag());
      assertThat(tag.score()).isCloseTo(want.score(), within(TOLERANCE));
      assertThat(tag.charStart()).isEqualTo(want.charStart());
      assertThat(tag.charEnd()).isEqualTo(want.charEnd());
      assertThat(tag.word()).isEqualTo(text.substring(want.charStart(), want.charEnd()));
    }
    for (Entity e : actual.entities()) {
      assertThat(e.text()).isEqualTo(text.substring(e.charStart(), e.charEnd()));
    }
  }
}
