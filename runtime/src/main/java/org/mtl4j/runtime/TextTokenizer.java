package org.mtl4j.runtime;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one tokenizer front of mtl4j: turns texts, sentence pairs and tagged word lists into token
 * ids with the package's tokenizer.json (DJL's HuggingFace binding). Training and serving both
 * tokenize here, so they cannot drift apart.
 *
 * <ul>
 *   <li>{@link #tokenize}: a whole text, not truncated (serving windows long texts itself);
 *   <li>{@link #tokenizeTruncated}: a text truncated to the maximum length (training);
 *   <li>{@link #tokenizePair}: a pair, truncated longest-first so both sides keep tokens;
 *   <li>{@link #tokenizeWords}: a word list joined with single spaces and tokenized as one text,
 *       exactly as a served request is, with each token's word found from character offsets.
 * </ul>
 *
 * <p>Special tokens come from the tokenizer's own template. Unpaired UTF-16 surrogates are replaced
 * by U+FFFD before the text reaches native code, and character offsets are returned as Java string
 * indices. Only the fields used here are read back from the native encoding (ids, segment ids,
 * special-token mask, character spans, overflow): DJL's {@code Encoding} would also copy every
 * token's string, the word ids and the attention mask, a cost each served request would pay.
 * Thread-safe; owns two native tokenizers, released by {@link #close()}, which may be called more
 * than once.
 */
public final class TextTokenizer implements AutoCloseable {

  private static final char REPLACEMENT = '\uFFFD';

  private final HuggingFaceTokenizer whole;
  private final HuggingFaceTokenizer truncating;
  private final int maxLength;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TextTokenizer(
      HuggingFaceTokenizer whole, HuggingFaceTokenizer truncating, int maxLength) {
    this.whole = whole;
    this.truncating = truncating;
    this.maxLength = maxLength;
  }

  /**
   * @param tokenizerJson tokenizer.json text
   * @param maxLength maximum tokens of a truncated text or pair (special tokens included)
   * @param source where the tokenizer came from, for messages
   * @return the tokenizer; close it
   * @throws ModelLoadException when the tokenizer cannot be built
   */
  public static TextTokenizer create(String tokenizerJson, int maxLength, String source) {
    String max = Integer.toString(maxLength);
    HuggingFaceTokenizer whole = null;
    try {
      whole =
          build(
              tokenizerJson,
              Map.of(
                  "padding",
                  "false",
                  "truncation",
                  "false",
                  "modelMaxLength",
                  Integer.toString(Integer.MAX_VALUE / 2)));
      HuggingFaceTokenizer truncating =
          build(
              tokenizerJson,
              Map.of(
                  "padding",
                  "false",
                  "truncation",
                  "true",
                  "maxLength",
                  max,
                  "modelMaxLength",
                  max));
      return new TextTokenizer(whole, truncating, maxLength);
    } catch (IOException | RuntimeException e) {
      if (whole != null) {
        whole.close();
      }
      throw new ModelLoadException(
          "cannot build tokenizer from " + source + ": " + e.getMessage(), e);
    }
  }

  private static HuggingFaceTokenizer build(String json, Map<String, String> options)
      throws IOException {
    return HuggingFaceTokenizer.newInstance(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), options);
  }

  /**
   * @return the most tokens of a truncated text or pair
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * @param text a text
   * @return its tokens, not truncated; words are its whitespace-separated runs
   */
  public TokenizedText tokenize(String text) {
    return convert(text, encode(whole, text, null), Words.of(text));
  }

  /**
   * @param text a text
   * @return its tokens, truncated to the maximum length
   */
  public TokenizedText tokenizeTruncated(String text) {
    return convert(text, encode(truncating, text, null), Words.of(text));
  }

  /**
   * @param a the first text
   * @param b the second text
   * @return their tokens, truncated longest-first to the maximum length; words and offsets refer to
   *     the first text
   */
  public TokenizedText tokenizePair(String a, String b) {
    return convert(a, encode(truncating, a, b), Words.of(a));
  }

  /**
   * Tokenizes a word list as the text a service would receive: the words joined with single spaces,
   * truncated to the maximum length.
   *
   * @param words the words, in order
   * @return the tokens; {@link TokenizedText#wordIds()} index into {@code words}, and a word that
   *     truncation (or tokenizing to nothing) left without tokens has none
   */
  public TokenizedText tokenizeWords(List<String> words) {
    String text = String.join(" ", words);
    int[] start = new int[words.size()];
    int[] end = new int[words.size()];
    int at = 0;
    for (int w = 0; w < words.size(); w++) {
      start[w] = at;
      at += words.get(w).length();
      end[w] = at;
      at++;
    }
    return convert(text, encode(truncating, text, null), new Words(start, end));
  }

  /** The parts of a native encoding this class reads; {@code sequence} only for a pair. */
  private record NativeEncoding(
      long[] ids,
      long[] typeIds,
      long[] special,
      long[] sequence,
      CharSpan[] spans,
      boolean truncated) {}

  /**
   * Encodes with special tokens and without overflowing windows, as {@link
   * HuggingFaceTokenizer#encode(String)} does, reading back only what {@link #convert} uses.
   *
   * @param b the second text of a pair, or null
   */
  private NativeEncoding encode(HuggingFaceTokenizer tokenizer, String a, String b) {
    if (closed.get()) {
      throw new IllegalStateException("the tokenizer is closed");
    }
    TokenizersLibrary lib = TokenizersLibrary.LIB;
    long handle = tokenizer.getHandle();
    long encoding =
        b == null
            ? lib.encode(handle, sanitize(a), true)
            : lib.encodeDual(handle, sanitize(a), sanitize(b), true);
    try {
      return new NativeEncoding(
          lib.getTokenIds(encoding),
          lib.getTypeIds(encoding),
          lib.getSpecialTokenMask(encoding),
          b == null ? null : lib.getSequenceIds(encoding),
          lib.getTokenCharSpans(encoding),
          lib.getOverflowCount(encoding) > 0);
    } finally {
      lib.deleteEncoding(encoding);
    }
  }

  /**
   * @param text the caller's text (offsets into its sanitized twin hold for it too: same length)
   */
  private static TokenizedText convert(String text, NativeEncoding encoding, Words words) {
    long[] ids = encoding.ids();
    long[] special = encoding.special();
    long[] sequence = encoding.sequence();
    CharSpan[] spans = encoding.spans();
    int[] toUtf16 = codePointToUtf16(text);
    int[] start = new int[ids.length];
    int[] end = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boolean firstText = sequence == null || sequence[i] == 0;
      if (special[i] != 0 || spans[i] == null || !firstText) {
        start[i] = -1;
        end[i] = -1;
      } else {
        start[i] = utf16(toUtf16, spans[i].getStart());
        end[i] = utf16(toUtf16, spans[i].getEnd());
      }
    }
    int prefix = 0;
    while (prefix < ids.length && special[prefix] != 0) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < ids.length - prefix && special[ids.length - 1 - suffix] != 0) {
      suffix++;
    }
    return new TokenizedText(
        text,
        ids,
        encoding.typeIds(),
        words.assign(start, end),
        words.start(),
        words.end(),
        start,
        end,
        prefix,
        suffix,
        encoding.truncated());
  }

  /**
   * The tokenizer reports offsets in Unicode code points; Java strings index UTF-16 units.
   *
   * @return code point index to UTF-16 index, or null when the two coincide
   */
  private static int[] codePointToUtf16(String text) {
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints == text.length()) {
      return null;
    }
    int[] map = new int[codePoints + 1];
    int utf16 = 0;
    for (int cp = 0; cp < codePoints; cp++) {
      map[cp] = utf16;
      utf16 += Character.charCount(text.codePointAt(utf16));
    }
    map[codePoints] = text.length();
    return map;
  }

  private static int utf16(int[] map, int codePoint) {
    return map == null ? codePoint : map[Math.min(codePoint, map.length - 1)];
  }

  /**
   * @param text any Java string
   * @return the text with each unpaired surrogate replaced by U+FFFD (same length)
   */
  static String sanitize(String text) {
    int n = text.length();
    char[] chars = null;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = REPLACEMENT;
      }
    }
    return chars == null ? text : new String(chars);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      whole.close();
      truncating.close();
    }
  }
}
