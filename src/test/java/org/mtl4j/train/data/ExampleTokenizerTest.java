package org.mtl4j.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.runtime.BatchPacker;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

class ExampleTokenizerTest {

  private static final long CLS = 101;
  private static final long SEP = 102;
  private static final long IGNORE = ExampleTokenizer.IGNORE_INDEX;

  @TempDir Path dir;

  @Test
  void sentenceGetsTheTemplatesSpecialTokensAndItsClass() {
    try (ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 32, false)) {
      TokenizedExample e = encoder.encode(new SentenceExample("1", 1, "Play some jazz", 2));
      assertThat(e.inputIds()).hasSize(5).startsWith(CLS).endsWith(SEP);
      assertThat(e.typeIds()).containsOnly(0L);
      assertThat(e.labels()).containsExactly(2L);
      assertThat(e.truncated()).isFalse();
    }
  }

  @Test
  void pairTruncationKeepsBothSides() {
    String longA = String.join(" ", IntStream.range(0, 40).mapToObj(i -> "alpha").toList());
    String shortB = "beta beta beta beta beta beta";
    try (ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 16, false)) {
      TokenizedExample e = encoder.encode(new PairExample("1", 1, longA, shortB, 0));
      assertThat(e.length()).isEqualTo(16);
      assertThat(e.truncated()).isTrue();
      long secondSide = Arrays.stream(e.typeIds()).filter(t -> t == 1).count();
      // longest-first trims the longer side first: B keeps tokens, A keeps at least as many.
      assertThat(secondSide).isGreaterThanOrEqualTo(2);
      assertThat(16 - 3 - (secondSide - 1)).isGreaterThanOrEqualTo(secondSide - 1);
      assertThat(Arrays.stream(e.inputIds()).filter(id -> id == SEP).count()).isEqualTo(2);
      assertThat(e.inputIds()[15]).isEqualTo(SEP);
    }
  }

  @Test
  void tagGoesOnTheFirstSubTokenAndEverythingElseIsIgnored() {
    try (ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 32, false)) {
      // "westbam" is split by WordPiece into west ##ba ##m.
      TokenizedExample e =
          encoder.encode(
              new TaggedExample("1", 1, List.of("play", "westbam", "now"), List.of(0, 1, 0)));
      assertThat(e.inputIds()).hasSize(7).startsWith(CLS).endsWith(SEP);
      assertThat(e.labels()).containsExactly(IGNORE, 0, 1, IGNORE, IGNORE, 0, IGNORE);
      assertThat(e.wordStarts()).containsExactly(1, 2, 5);
    }
  }

  @Test
  void punctuationSplitInsideAWordAndNonAsciiWordsKeepOneTagEach() {
    try (ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 32, false)) {
      // BERT's pre-tokenizer splits "it's" into it ' s; "\uD83D\uDE00" (an emoji outside the BMP)
      // becomes [UNK]; "clásicos" is lower-cased and split into sub-tokens.
      TokenizedExample e =
          encoder.encode(
              new TaggedExample(
                  "1", 1, List.of("it's", "\uD83D\uDE00", "clásicos", "now"), List.of(1, 0, 1, 0)));
      int[] starts = e.wordStarts();
      assertThat(starts[0]).isEqualTo(1);
      assertThat(starts[1]).isEqualTo(4);
      assertThat(starts[2]).isEqualTo(5);
      assertThat(starts[3]).isEqualTo(e.length() - 2);
      assertThat(e.labels()[2]).isEqualTo(IGNORE);
      assertThat(e.labels()[3]).isEqualTo(IGNORE);
      assertThat(Arrays.stream(e.labels()).filter(l -> l != IGNORE).toArray())
          .containsExactly(1, 0, 1, 0);
    }
  }

  @Test
  void taggedWordsAreTokenizedLikeTheSameTextServedWhole() {
    try (ExampleTokenizer encoder =
        ExampleTokenizer.open(Tokenizers.robertaStyle(dir), 16, false)) {
      TokenizedExample tagged =
          encoder.encode(new TaggedExample("1", 1, List.of("play", "jazz"), List.of(0, 1)));
      TokenizedExample whole = encoder.encode(new SentenceExample("1", 1, "play jazz", 0));
      // <s> play Ġjazz </s>: the second word keeps its leading-space token, as when served.
      assertThat(tagged.inputIds()).containsExactly(0, 12, 18, 2).isEqualTo(whole.inputIds());
      assertThat(tagged.labels()).containsExactly(IGNORE, 0, 1, IGNORE);
      assertThat(tagged.wordStarts()).containsExactly(1, 2);
      assertThat(encoder.packer()).isEqualTo(new BatchPacker(1, 0, false));
    }
  }

  @Test
  void truncatedTaggingKeepsTheClosingTokenAndMarksLostWords() {
    List<String> words = IntStream.range(0, 20).mapToObj(i -> "word").toList();
    List<Integer> tags = IntStream.range(0, 20).mapToObj(i -> i % 2).toList();
    try (ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 8, false)) {
      TokenizedExample e = encoder.encode(new TaggedExample("1", 1, words, tags));
      assertThat(e.inputIds()).hasSize(8).startsWith(CLS).endsWith(SEP);
      assertThat(e.truncated()).isTrue();
      assertThat(e.wordStarts()).startsWith(1, 2, 3, 4, 5, 6);
      assertThat(Arrays.copyOfRange(e.wordStarts(), 6, 20)).containsOnly(-1);
      assertThat(e.labels()).containsExactly(IGNORE, 0, 1, 0, 1, 0, 1, IGNORE);
    }
  }

  @Test
  void multiLabelCarriesItsLabelIndices() {
    try (ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 32, false)) {
      TokenizedExample e =
          encoder.encode(new MultiLabelExample("1", 1, "rain and jazz", List.of(3, 1)));
      assertThat(e.labels()).containsExactly(1, 3);
    }
  }

  @Test
  void batchesPadToTheLongestRowOnTheRight() {
    TaskSpec ner = spec(TaskType.NER, List.of("O", "B-x"));
    try (ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 64, false)) {
      List<TokenizedExample> rows =
          encoder.encodeAll(
              List.of(
                  new TaggedExample("1", 1, List.of("play"), List.of(1)),
                  new TaggedExample("2", 2, List.of("play", "it", "now"), List.of(0, 1, 0))));
      Batch b = new BatchCollator(ner, encoder.packer()).collate(rows);
      assertThat(b.length()).isEqualTo(5);
      assertThat(b.shape()).containsExactly(2, 5);
      assertThat(b.inputIds()).hasSize(10);
      assertThat(Arrays.copyOfRange(b.inputIds(), 3, 5)).containsOnly(0L);
      assertThat(b.attentionMask()).containsExactly(1, 1, 1, 0, 0, 1, 1, 1, 1, 1);
      assertThat(b.labels())
          .containsExactly(IGNORE, 1, IGNORE, IGNORE, IGNORE, IGNORE, 0, 1, 0, IGNORE);
      assertThat(b.labelShape()).containsExactly(2, 5);
      assertThat(b.offsets()).containsOnly(0);
      assertThat(b.wordColumns(1)).containsExactly(1, 2, 3);
    }
  }

  @Test
  void classificationAndMultiLabelBatchLabels() {
    try (ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 64, false)) {
      BatchPacker padding = encoder.packer();
      Batch single =
          new BatchCollator(
                  spec(TaskType.SINGLE_SENTENCE_CLASSIFICATION, List.of("a", "b")), padding)
              .collate(
                  encoder.encodeAll(
                      List.of(
                          new SentenceExample("1", 1, "hi", 1),
                          new SentenceExample("2", 2, "hello there", 0))));
      assertThat(single.labels()).containsExactly(1, 0);
      assertThat(single.labelShape()).containsExactly(2);
      Batch multi =
          new BatchCollator(
                  spec(TaskType.MULTI_LABEL_CLASSIFICATION, List.of("a", "b", "c")), padding)
              .collate(
                  encoder.encodeAll(
                      List.of(
                          new MultiLabelExample("1", 1, "hi", List.of(0, 2)),
                          new MultiLabelExample("2", 2, "hello", List.of()))));
      assertThat(multi.labels()).containsExactly(1, 0, 1, 0, 0, 0);
      assertThat(multi.labelShape()).containsExactly(2, 3);
    }
  }

  @Test
  void xlnetStyleTokenizerPadsLeftAndKeepsClsInTheLastColumn() {
    Path tokenizer = Tokenizers.xlnetStyle(dir);
    try (ExampleTokenizer encoder = ExampleTokenizer.open(tokenizer, 16, true)) {
      assertThat(encoder.packer()).isEqualTo(new BatchPacker(5, 3, true));
      List<TokenizedExample> rows =
          encoder.encodeAll(
              List.of(
                  new TaggedExample("1", 1, List.of("jazz"), List.of(1)),
                  new TaggedExample("2", 2, List.of("play", "some", "jazz"), List.of(0, 0, 1))));
      Batch b =
          new BatchCollator(spec(TaskType.NER, List.of("O", "B-x")), encoder.packer())
              .collate(rows);
      // row 1: <pad> <pad> jazz <sep> <cls>; row 2: play some jazz <sep> <cls>
      assertThat(b.inputIds()).containsExactly(5, 5, 8, 3, 4, 6, 7, 8, 3, 4);
      assertThat(b.typeIds()).containsExactly(3, 3, 0, 0, 2, 0, 0, 0, 0, 2);
      assertThat(b.attentionMask()).containsExactly(0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
      assertThat(b.labels())
          .containsExactly(IGNORE, IGNORE, 1, IGNORE, IGNORE, 0, 0, 1, IGNORE, IGNORE);
      assertThat(b.offsets()).containsExactly(2, 0);
      assertThat(b.wordColumns(0)).containsExactly(2);
      assertThat(b.wordColumns(1)).containsExactly(0, 1, 2);
    }
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseFails() {
    ExampleTokenizer encoder = ExampleTokenizer.open(Tokenizers.minilm(dir), 32, false);
    encoder.close();
    encoder.close();
    assertThatThrownBy(() -> encoder.encode(new SentenceExample("1", 1, "hi", 0)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tooShortMaximumLengthIsRejected() {
    assertThatThrownBy(() -> ExampleTokenizer.open(Tokenizers.minilm(dir), 3, false))
        .hasMessageContaining("at least 8");
  }

  private static TaskSpec spec(TaskType type, List<String> labels) {
    return new TaskSpec("t", type, labels, "CrossEntropyLoss", 1.0, List.of(), 0.1);
  }
}
