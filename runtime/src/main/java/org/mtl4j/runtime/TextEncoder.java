package org.mtl4j.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Tokenizes texts with the package's tokenizer.json (DJL's HuggingFace binding). Single texts
 * are encoded whole (long texts are windowed later); sentence pairs are truncated longest-first
 * to the manifest's maximum length. Unpaired UTF-16 surrogates are replaced by U+FFFD before
 * the text reaches native code, and character offsets are returned as Java string indices.
 * Thread-safe; owns two native tokenizers, released by {@link #close()}.
 */
final class TextEncoder implements AutoCloseable {

  private static final char REPLACEMENT = '\uFFFD';

  private final HuggingFaceTokenizer whole;
  private final HuggingFaceTokenizer pairs;

  private TextEncoder(HuggingFaceTokenizer whole, HuggingFaceTokenizer pairs) {
    this.whole = whole;
    this.pairs = pairs;
  }

  /**
   * @param tokenizerJson tokenizer.json text
   * @param maxLength maximum tokens per pair (special tokens included)
   * @param source where the tokenizer came from, for messages
   * @return the encoder
   * @throws ModelLoadException when the tokenizer cannot be built
   */
  static TextEncoder create(String tokenizerJson, int maxLength, String source) {
    String max = Integer.toString(maxLength);
    HuggingFaceTokenizer whole = null;
    try {
      whole =
          build(tokenizerJson, Map.of("padding", "false", "truncation", "false",
              "modelMaxLength", Integer.toString(Integer.MAX_VALUE / 2)));
      HuggingFaceTokenizer pairs =
          build(tokenizerJson, Map.of("padding", "false", "truncation", "true", "maxLength", max,
              "modelMaxLength", max));
      return new TextEncoder(whole, pairs);
    } catch (IOException | RuntimeException e) {
      if (whole != null) {
        whole.close();
      }
      throw new ModelLoadException("cannot build tokenizer from " + source + ": " + e.getMessage(), e);
    }
  }

  private static HuggingFaceTokenizer build(String json, Map<String, String> options)
      throws IOException {
    return HuggingFaceTokenizer.newInstance(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), options);
  }

  /**
   * @param text a text
   * @return its encoding, not truncated
   */
  EncodedText encode(String text) {
    return convert(text, whole.encode(sanitize(text)), false);
  }

  /**
   * @param a the first text
   * @param b the second text
   * @return their encoding, truncated longest-first to the maximum length
   */
  EncodedText encodePair(String a, String b) {
    return convert(a, pairs.encode(sanitize(a), sanitize(b)), true);
  }

  /**
   * @param text the caller's text (offsets into its sanitized twin hold for it too: same length)
   */
  private static EncodedText convert(String text, Encoding encoding, boolean pair) {
    long[] ids = encoding.getIds();
    long[] special = encoding.getSpecialTokenMask();
    long[] sequence = pair ? encoding.getSequenceIds() : null;
    CharSpan[] spans = encoding.getCharTokenSpans();
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
    Words words = Words.of(text);
    return new EncodedText(text, ids, encoding.getTypeIds(), words.assign(start, end),
        words.start(), words.end(), start, end, prefix, suffix);
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
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
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
    whole.close();
    pairs.close();
  }
}
