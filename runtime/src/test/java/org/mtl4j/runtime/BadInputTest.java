package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixturePackage;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;
import org.mtl4j.zoo.pkg.Manifest;

/** Bad inputs and bad models give a clear error or a well-defined result. */
class BadInputTest {

  @TempDir static Path dir;
  static MtlModel model;

  @BeforeAll
  static void load() {
    TinyModel tiny = new TinyModel(3, FixtureTasks.ALL, MiniLmModel.VOCAB, true);
    model = MtlModel.load(tiny.writePackage(dir.resolve("tiny"), 128), ParityTest.threads(1));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static void assertWellFormed(Prediction p, String text) {
    assertThat(p.results()).containsOnlyKeys("intent", "topics", "slots");
    ClassificationResult intent = p.get("intent", ClassificationResult.class);
    assertThat(intent.probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
        .isBetween(0.999999, 1.000001);
    TaggingResult slots = p.get("slots", TaggingResult.class);
    for (WordTag w : slots.tags()) {
      assertThat(w.charStart()).isBetween(0, w.charEnd());
      assertThat(w.charEnd()).isLessThanOrEqualTo(text.length());
      assertThat(w.word()).isEqualTo(text.substring(w.charStart(), w.charEnd()));
    }
    for (Entity e : slots.entities()) {
      assertThat(e.text()).isEqualTo(text.substring(e.charStart(), e.charEnd()));
    }
  }

  @Test
  void emptyAndWhitespaceTextsHaveNoWordsButClassify() {
    for (String text : List.of("", "   \t\n  ")) {
      Prediction p = model.predict(text);
      assertWellFormed(p, text);
      assertThat(p.get("slots", TaggingResult.class).tags()).isEmpty();
      assertThat(p.get("slots", TaggingResult.class).entities()).isEmpty();
    }
  }

  @Test
  void megabyteOfTextIsTaggedCompletelyAndClassifiedFromItsHead() {
    String sentence = "Maria drove from Lisbon to Madrid on Monday. ";
    String text = sentence.repeat(1_000_000 / sentence.length() + 1);
    Prediction p = model.predict(text);
    assertWellFormed(p, text);
    long words = text.chars().filter(c -> c == ' ').count();
    assertThat(p.get("slots", TaggingResult.class).tags()).hasSize((int) words);
    Prediction head = model.predict(ModelInput.of(text.substring(0, 2000)), List.of("intent"));
    ClassificationResult whole = p.get("intent", ClassificationResult.class);
    ClassificationResult fromHead = head.get("intent", ClassificationResult.class);
    assertThat(whole.label()).isEqualTo(fromHead.label());
    assertThat(whole.score()).isCloseTo(fromHead.score(), within(1e-6));
  }

  @Test
  void unpairedSurrogatesControlCharactersEmojiAndRightToLeftText() {
    List<String> texts =
        List.of(
            "broken \uD800 high and low \uDC00 surrogates\uD83D",
            "nul\u0000inside and \u0001\u0002\u001B[31m control\u007F chars",
            "I \u2764\uFE0F \uD83C\uDF55 and \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 in Z\u00FCrich",
            "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD and \u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645");
    for (String text : texts) {
      assertWellFormed(model.predict(text), text);
    }
    List<WordTag> emoji = model.predict(texts.get(2)).get("slots", TaggingResult.class).tags();
    assertThat(emoji).extracting(WordTag::word).contains("Z\u00FCrich", "\uD83C\uDF55");
    List<WordTag> rtl = model.predict(texts.get(3)).get("slots", TaggingResult.class).tags();
    assertThat(rtl)
        .extracting(WordTag::word)
        .contains("\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627");
  }

  @Test
  void unknownTaskAndMismatchedInputsAreRejectedWithTheTaskNamed() {
    assertThatThrownBy(() -> model.predict(ModelInput.of("hi"), List.of("sentiment")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("unknown task 'sentiment'")
        .hasMessageContaining("intent, topics, slots, nli");
    assertThatThrownBy(() -> model.predict(ModelInput.of("hi"), List.of("nli")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("task 'nli' reads a sentence pair");
    assertThatThrownBy(() -> model.predict(ModelInput.pair("a", "b"), List.of("intent")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("task 'intent' reads one text");
  }

  @Test
  void pairSentToSingleSentenceModel() {
    TinyModel single = new TinyModel(5, FixtureTasks.SINGLE, MiniLmModel.VOCAB, true);
    try (MtlModel m = MtlModel.load(single.writePackage(dir.resolve("single"), 32))) {
      assertThatThrownBy(() -> m.predict(ModelInput.pair("a", "b"), List.of()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("no sentence-pair task");
    }
  }

  @Test
  void fileThatIsNotOnnx() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "this is not a protobuf model");
    assertThatThrownBy(() -> MtlModel.load(junk))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(junk.toString())
        .hasMessageContaining("not a loadable ONNX model");
    assertThatThrownBy(() -> MtlModel.load(dir.resolve("missing.onnx")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void onnxWithoutManifest() throws Exception {
    Path raw = Files.write(dir.resolve("minilm.onnx"), MiniLmModel.encoderOnly());
    assertThatThrownBy(() -> MtlModel.load(raw))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("carries no mtl4j manifest")
        .hasMessageContaining(Manifest.METADATA_KEY);
  }

  @Test
  void singleOnnxFileCarriesManifestAndTokenizer() {
    Path file = dir.resolve("tiny").resolve("model.onnx");
    try (MtlModel m = MtlModel.load(file, ParityTest.threads(1))) {
      assertThat(m.predict("hello Anna")).isEqualTo(model.predict("hello Anna"));
    }
  }

  @Test
  void tokenizerWhoseVocabularyDoesNotFitTheModel() {
    TinyModel small = new TinyModel(5, FixtureTasks.SINGLE, 1000, true);
    Path pkg = small.writePackage(dir.resolve("small-vocab"), 32);
    assertThatThrownBy(() -> MtlModel.load(pkg))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tokenizer emits ids up to 30521")
        .hasMessageContaining("1000 entries");
  }

  @Test
  void manifestTaskMissingFromGraph() {
    TinyModel tiny = new TinyModel(5, List.of(FixtureTasks.INTENT), MiniLmModel.VOCAB, true);
    Manifest claims =
        FixturePackage.manifest(MiniLmModel.VOCAB, TinyModel.HIDDEN, 32, FixtureTasks.SINGLE);
    Path pkg =
        FixturePackage.write(
            dir.resolve("lying"), claims, FixturePackage.minilmTokenizer(), tiny.onnx(null, null));
    assertThatThrownBy(() -> MtlModel.load(pkg))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("task 'topics' has no output 'topics.logits'");
  }

  @Test
  void checksumMismatchIsReported() throws Exception {
    TinyModel tiny = new TinyModel(5, FixtureTasks.SINGLE, MiniLmModel.VOCAB, true);
    Path pkg = tiny.writePackage(dir.resolve("tampered"), 32);
    Files.writeString(pkg.resolve("tokenizer.json"), " ", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> MtlModel.load(pkg))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("differs from");
  }

  @Test
  void encoderOnlyPackageLoadsAndSaysItHasNothingToPredict() {
    Manifest manifest =
        FixturePackage.manifest(MiniLmModel.VOCAB, MiniLmModel.HIDDEN, 128, List.of());
    Path pkg =
        FixturePackage.write(
            dir.resolve("encoder-only"),
            manifest,
            FixturePackage.minilmTokenizer(),
            MiniLmModel.encoderOnly());
    try (MtlModel m = MtlModel.load(pkg, ParityTest.threads(1))) {
      assertThat(m.manifest().tasks()).isEmpty();
      assertThatThrownBy(() -> m.predict("hello"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("no task heads");
    }
  }

  @Test
  void closedModelFailsClearlyAndCloseIsIdempotent() {
    TinyModel tiny = new TinyModel(5, FixtureTasks.SINGLE, MiniLmModel.VOCAB, true);
    MtlModel m = MtlModel.load(tiny.writePackage(dir.resolve("closing"), 32));
    m.close();
    m.close();
    assertThatThrownBy(() -> m.predict("hello"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
