package org.mtl4j.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.runtime.BatchPacker;
import org.mtl4j.runtime.TextTokenizer;
import org.mtl4j.runtime.TokenizedText;
import org.mtl4j.zoo.pkg.TokenizerFacts;

/**
 * Turns training examples into token ids and label entries. Tokenization and word alignment are
 * runtime's ({@link TextTokenizer}), the same code a served request goes through; this class adds
 * only the labels.
 *
 * <p>Special tokens come from the tokenizer's own template. Sequences longer than {@code maxSeqLen}
 * are truncated longest-first, so both sides of a pair keep tokens. A tagged row's words are joined
 * with single spaces and tokenized as one text, exactly as a served request is; a word's tag goes
 * on its first token and every other position (further sub-tokens, punctuation the pre-tokenizer
 * split off inside a word, special tokens) gets {@link #IGNORE_INDEX}. No padding happens here:
 * {@link BatchCollator} pads each batch to its longest row with {@link #packer()}.
 *
 * <p>Owns the native tokenizer; {@link #close()} releases it and may be called more than once.
 */
public final class ExampleTokenizer implements AutoCloseable {

  /** The label at positions the loss and the metrics ignore (PyTorch's default ignore index). */
  public static final long IGNORE_INDEX = -100;

  private static final int MIN_SEQ_LEN = 8;
  private static final int[] NO_INTS = new int[0];

  private final TextTokenizer tokenizer;
  private final TokenizerFacts facts;

  private ExampleTokenizer(TextTokenizer tokenizer, TokenizerFacts facts) {
    this.tokenizer = tokenizer;
    this.facts = facts;
  }

  /**
   * Opens a tokenizer file.
   *
   * @param tokenizerJson a HuggingFace {@code tokenizer.json}
   * @param maxSeqLen the most tokens an encoded example may have, special tokens included
   * @param padLeft whether the encoder family pads on the left (XLNet)
   * @return the tokenizer; close it when done
   * @throws IllegalArgumentException when {@code maxSeqLen} is below 8 or the file has no pad token
   */
  public static ExampleTokenizer open(Path tokenizerJson, int maxSeqLen, boolean padLeft) {
    if (maxSeqLen < MIN_SEQ_LEN) {
      throw new IllegalArgumentException(
          "max sequence length must be at least " + MIN_SEQ_LEN + ", got " + maxSeqLen);
    }
    String json = readString(tokenizerJson);
    TokenizerFacts facts = TokenizerFacts.parse(json, tokenizerJson.toString(), padLeft);
    if (!facts.namesPadToken()) {
      throw new IllegalArgumentException(
          tokenizerJson + ": no padding section and no [PAD] or <pad> token; cannot pad batches");
    }
    return new ExampleTokenizer(
        TextTokenizer.create(json, maxSeqLen, tokenizerJson.toString()), facts);
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer " + file, e);
    }
  }

  /**
   * @return the facts of the tokenizer file: pad ids, side, special tokens
   */
  public TokenizerFacts facts() {
    return facts;
  }

  /**
   * @return the packer that pads batches as the tokenizer does
   */
  public BatchPacker packer() {
    return BatchPacker.of(facts);
  }

  /**
   * @return the most tokens an encoded example has
   */
  public int maxSeqLen() {
    return tokenizer.maxLength();
  }

  /**
   * Tokenizes a list of examples.
   *
   * @param examples examples of one task
   * @return their tokens, in the same order
   */
  public List<TokenizedExample> encodeAll(List<? extends Example> examples) {
    List<TokenizedExample> out = new ArrayList<>(examples.size());
    for (Example example : examples) {
      out.add(encode(example));
    }
    return out;
  }

  /**
   * Tokenizes one example.
   *
   * @param example the example
   * @return its tokens, type ids and label entries
   */
  public TokenizedExample encode(Example example) {
    if (example instanceof SentenceExample s) {
      return classified(s, tokenizer.tokenizeTruncated(s.text()), new long[] {s.label()});
    }
    if (example instanceof PairExample p) {
      return classified(p, tokenizer.tokenizePair(p.textA(), p.textB()), new long[] {p.label()});
    }
    if (example instanceof MultiLabelExample m) {
      long[] labels = m.labels().stream().mapToLong(Integer::longValue).toArray();
      return classified(m, tokenizer.tokenizeTruncated(m.text()), labels);
    }
    return tagged((TaggedExample) example);
  }

  private static TokenizedExample classified(Example source, TokenizedText text, long[] labels) {
    return new TokenizedExample(
        source, text.ids(), text.typeIds(), labels, NO_INTS, text.truncated());
  }

  private TokenizedExample tagged(TaggedExample t) {
    TokenizedText text = tokenizer.tokenizeWords(t.words());
    long[] wordIds = text.wordIds();
    long[] labels = new long[wordIds.length];
    int[] wordStarts = new int[t.words().size()];
    Arrays.fill(wordStarts, -1);
    for (int i = 0; i < wordIds.length; i++) {
      labels[i] = IGNORE_INDEX;
      int w = (int) wordIds[i];
      if (w >= 0 && wordStarts[w] < 0) {
        wordStarts[w] = i;
        labels[i] = t.tags().get(w);
      }
    }
    return new TokenizedExample(
        t, text.ids(), text.typeIds(), labels, wordStarts, text.truncated());
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
