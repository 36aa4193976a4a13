package org.mtl4j.train.data;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes examples with a HuggingFace {@code tokenizer.json} through DJL's tokenizers.
 *
 * <p>Special tokens come from the tokenizer's own template (BERT's {@code [CLS] A [SEP] B [SEP]},
 * XLNet's {@code A <sep> B <sep> <cls>}). Sequences longer than {@code maxSeqLen} are truncated
 * longest-first, so both sides of a pair keep tokens.
 *
 * <p>A tagged row's words are joined with single spaces and tokenized as one text, exactly as a
 * served request is, so byte-level BPE (RoBERTa) sees the same leading-space tokens in training and
 * in serving; the tokenizer's character spans then tell which word each token belongs to. A word's
 * tag goes on its first token and every other position (further sub-tokens, punctuation the
 * pre-tokenizer split off inside a word, special tokens) gets {@link #IGNORE_INDEX}. No padding
 * happens here: {@link BatchCollator} pads each batch to its longest row.
 *
 * <p>Owns the native tokenizer; {@link #close()} releases it and may be called more than once.
 */
public final class ExampleEncoder implements AutoCloseable {

  /** The label at positions the loss and the metrics ignore (PyTorch's default ignore index). */
  public static final long IGNORE_INDEX = -100;

  private static final int MIN_SEQ_LEN = 8;
  private static final int[] NO_INTS = new int[0];

  private final HuggingFaceTokenizer tokenizer;
  private final Padding padding;
  private final int maxSeqLen;
  private boolean closed;

  private ExampleEncoder(HuggingFaceTokenizer tokenizer, Padding padding, int maxSeqLen) {
    this.tokenizer = tokenizer;
    this.padding = padding;
    this.maxSeqLen = maxSeqLen;
  }

  /**
   * Opens a tokenizer file.
   *
   * @param tokenizerJson a HuggingFace {@code tokenizer.json}
   * @param maxSeqLen the most tokens an encoded example may have, special tokens included
   * @return the encoder; close it when done
   * @throws IllegalArgumentException when {@code maxSeqLen} is below 8 or the file has no pad token
   */
  public static ExampleEncoder open(Path tokenizerJson, int maxSeqLen) {
    if (maxSeqLen < MIN_SEQ_LEN) {
      throw new IllegalArgumentException(
          "max sequence length must be at least " + MIN_SEQ_LEN + ", got " + maxSeqLen);
    }
    Padding padding = Padding.of(tokenizerJson);
    try {
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(tokenizerJson)
              .optAddSpecialTokens(true)
              .optWithOverflowingTokens(false)
              .optTruncation(true)
              .optPadding(false)
              .optMaxLength(maxSeqLen)
              .build();
      return new ExampleEncoder(tokenizer, padding, maxSeqLen);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load tokenizer " + tokenizerJson, e);
    }
  }

  /**
   * @return how the tokenizer file says to pad
   */
  public Padding padding() {
    return padding;
  }

  /**
   * @return the most tokens an encoded example has
   */
  public int maxSeqLen() {
    return maxSeqLen;
  }

  /**
   * Encodes a list of examples.
   *
   * @param examples examples of one task
   * @return their encodings, in the same order
   */
  public List<EncodedExample> encodeAll(List<? extends Example> examples) {
    List<EncodedExample> out = new ArrayList<>(examples.size());
    for (Example example : examples) {
      out.add(encode(example));
    }
    return out;
  }

  /**
   * Encodes one example.
   *
   * @param example the example
   * @return its tokens, type ids and label entries
   */
  public EncodedExample encode(Example example) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    if (example instanceof SentenceExample s) {
      return classified(s, tokenizer.encode(s.text()), new long[] {s.label()});
    }
    if (example instanceof PairExample p) {
      return classified(p, tokenizer.encode(p.textA(), p.textB()), new long[] {p.label()});
    }
    if (example instanceof MultiLabelExample m) {
      long[] labels = m.labels().stream().mapToLong(Integer::longValue).toArray();
      return classified(m, tokenizer.encode(m.text()), labels);
    }
    return tagged((TaggedExample) example);
  }

  private static EncodedExample classified(Example source, Encoding enc, long[] labels) {
    return new EncodedExample(
        source, enc.getIds(), enc.getTypeIds(), labels, NO_INTS, enc.exceedMaxLength());
  }

  private EncodedExample tagged(TaggedExample t) {
    List<String> words = t.words();
    Encoding enc = tokenizer.encode(String.join(" ", words));
    int[] wordStart = new int[words.size()];
    int[] wordEnd = new int[words.size()];
    int at = 0;
    for (int w = 0; w < words.size(); w++) {
      wordStart[w] = at;
      at += words.get(w).codePointCount(0, words.get(w).length());
      wordEnd[w] = at;
      at++;
    }
    CharSpan[] spans = enc.getCharTokenSpans();
    long[] special = enc.getSpecialTokenMask();
    long[] labels = new long[spans.length];
    int[] wordStarts = new int[words.size()];
    Arrays.fill(wordStarts, -1);
    int w = 0;
    for (int i = 0; i < spans.length; i++) {
      labels[i] = IGNORE_INDEX;
      if (special[i] != 0 || spans[i] == null) {
        continue;
      }
      while (w < words.size() && wordEnd[w] <= spans[i].getStart()) {
        w++;
      }
      boolean inWord = w < words.size() && wordStart[w] < spans[i].getEnd();
      if (inWord && wordStarts[w] < 0) {
        wordStarts[w] = i;
        labels[i] = t.tags().get(w);
      }
    }
    return new EncodedExample(
        t, enc.getIds(), enc.getTypeIds(), labels, wordStarts, enc.exceedMaxLength());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      tokenizer.close();
    }
  }
}
