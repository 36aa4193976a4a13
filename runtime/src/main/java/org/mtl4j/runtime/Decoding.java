package org.mtl4j.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.mtl4j.zoo.pkg.TaskSpec;

/** Turns logits into typed results, one method per task type. */
final class Decoding {

  private Decoding() {}

  /**
   * @param logits the logits tensor, row-major
   * @param offset where this row's logits start
   * @param n number of classes
   * @return softmax probabilities, computed in double with the maximum subtracted
   */
  static double[] softmax(float[] logits, int offset, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[offset + i]);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp(logits[offset + i] - max);
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= sum;
    }
    return p;
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  static ClassificationResult classification(TaskSpec task, float[] logits, int offset) {
    List<String> labels = task.labels();
    double[] p = softmax(logits, offset, labels.size());
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (int i = 0; i < p.length; i++) {
      probabilities.put(labels.get(i), p[i]);
    }
    int best = argmax(p);
    return new ClassificationResult(labels.get(best), p[best], probabilities);
  }

  static MultiLabelResult multiLabel(TaskSpec task, float[] logits, int offset, double threshold) {
    List<LabelScore> above = new ArrayList<>();
    for (int i = 0; i < task.labels().size(); i++) {
      double p = 1 / (1 + Math.exp(-logits[offset + i]));
      if (p >= threshold) {
        above.add(new LabelScore(task.labels().get(i), p));
      }
    }
    above.sort(Comparator.comparingDouble(LabelScore::score).reversed());
    return new MultiLabelResult(above, threshold);
  }

  /**
   * Word tags from each whitespace-separated word's first sub-token, then BIO spans.
   *
   * @param task the tagging task
   * @param request the encoded request
   * @param logits the task's logits tensor {@code [rows, sequence, tags]}
   * @param firstRow the batch row where this request's rows start
   * @param sequence the batch's padded sequence length
   * @param padOffset row of this request to the left padding in front of it (0 unless the family
   *     pads on the left)
   */
  static TaggingResult tagging(
      TaskSpec task,
      TokenizedRequest request,
      float[] logits,
      int firstRow,
      int sequence,
      IntUnaryOperator padOffset) {
    TokenizedText enc = request.encoded();
    int tags = task.labels().size();
    List<WordTag> words = new ArrayList<>();
    for (TaggedWord w : taggedWords(request, firstRow, sequence, padOffset, tags)) {
      double[] p = softmax(logits, w.offset(), tags);
      int best = argmax(p);
      int start = enc.wordStart()[w.word()];
      int end = enc.wordEnd()[w.word()];
      words.add(
          new WordTag(
              enc.text().substring(start, end), start, end, task.labels().get(best), p[best]));
    }
    return new TaggingResult(entities(enc.text(), words), words);
  }

  /**
   * The raw logits {@link #tagging} decodes: one row of tag logits per tagged word, in word order.
   *
   * @param task the tagging task
   * @param request the encoded request
   * @param logits the task's logits tensor {@code [rows, sequence, tags]}
   * @param firstRow the batch row where this request's rows start
   * @param sequence the batch's padded sequence length
   * @param padOffset row of this request to the left padding in front of it
   * @return {@code [words, tags]}, row-major
   */
  static float[] wordLogits(
      TaskSpec task,
      TokenizedRequest request,
      float[] logits,
      int firstRow,
      int sequence,
      IntUnaryOperator padOffset) {
    int tags = task.labels().size();
    List<TaggedWord> words = taggedWords(request, firstRow, sequence, padOffset, tags);
    float[] out = new float[words.size() * tags];
    for (int i = 0; i < words.size(); i++) {
      System.arraycopy(logits, words.get(i).offset(), out, i * tags, tags);
    }
    return out;
  }

  /** A word that gets a tag and where its first sub-token's logits start. */
  private record TaggedWord(int word, int offset) {}

  /**
   * The words that get a tag, each with where its first sub-token's logits start. Words without a
   * token (nothing but characters the tokenizer drops) or whose first token lies outside every row
   * get no tag.
   */
  private static List<TaggedWord> taggedWords(
      TokenizedRequest request, int firstRow, int sequence, IntUnaryOperator padOffset, int tags) {
    long[] wordIds = request.encoded().wordIds();
    List<TaggedWord> out = new ArrayList<>();
    long previous = -1;
    for (int i = 0; i < wordIds.length; i++) {
      int word = (int) wordIds[i];
      if (word < 0 || word == previous) {
        continue;
      }
      previous = word;
      if (!request.covered(i)) {
        continue;
      }
      int row = request.rowOfToken(i);
      int position = padOffset.applyAsInt(row) + request.positionOfToken(i);
      out.add(new TaggedWord(word, ((firstRow + row) * sequence + position) * tags));
    }
    return out;
  }

  /**
   * @param text the input text
   * @param words word tags in order
   * @return spans: {@code B-X} starts an X, {@code I-X} continues an X (or starts one after another
   *     type), a tag without prefix groups adjacent words with the same tag, {@code O} ends a span
   */
  static List<Entity> entities(String text, List<WordTag> words) {
    List<Entity> out = new ArrayList<>();
    String type = null;
    int start = 0;
    int end = 0;
    double scoreSum = 0;
    int count = 0;
    for (WordTag w : words) {
      String tag = w.tag();
      boolean outside = tag.equals("O");
      boolean begins = tag.startsWith("B-") || tag.startsWith("S-");
      String wordType =
          outside ? null : (tag.length() > 2 && tag.charAt(1) == '-' ? tag.substring(2) : tag);
      boolean continues = !outside && !begins && wordType.equals(type);
      if (!continues && type != null) {
        out.add(new Entity(type, text.substring(start, end), start, end, scoreSum / count));
        type = null;
      }
      if (outside) {
        continue;
      }
      if (type == null) {
        type = wordType;
        start = w.charStart();
        scoreSum = 0;
        count = 0;
      }
      end = w.charEnd();
      scoreSum += w.score();
      count++;
    }
    if (type != null) {
      out.add(new Entity(type, text.substring(start, end), start, end, scoreSum / count));
    }
    return out;
  }
}
