package org.mtl4j.spring;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.mtl4j.testing.FixturePackage;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/**
 * The model package the starter's tests load (a tiny model with the intent, topics and slots heads
 * and the real MiniLM tokenizer, written once under {@code target/}), and the intent probabilities
 * it must produce, computed without the runtime: an own tokenizer instance, the model's plain-Java
 * forward pass and a textbook softmax.
 */
final class TinyPackage {

  /** Name of the package directory, hence of the model in meter tags and health. */
  static final String NAME = "intents";

  static final int MAX_LENGTH = 32;

  private static final TinyModel MODEL =
      new TinyModel(16, FixtureTasks.SINGLE, MiniLmModel.VOCAB, true);

  private static Path path;

  private TinyPackage() {}

  /**
   * @return the package directory, written on first use
   */
  static synchronized Path path() {
    if (path == null) {
      path =
          MODEL.writePackage(Path.of("target", "test-models", NAME).toAbsolutePath(), MAX_LENGTH);
    }
    return path;
  }

  /**
   * @param text a short text (no truncation)
   * @return the intent head's softmax probabilities, in label order
   */
  static double[] intentProbabilities(String text) {
    try (HuggingFaceTokenizer tokenizer = tokenizer()) {
      Encoding encoding = tokenizer.encode(text);
      float[] logits =
          MODEL.sequenceLogits(FixtureTasks.INTENT, encoding.getIds(), encoding.getTypeIds());
      double max = Double.NEGATIVE_INFINITY;
      for (float l : logits) {
        max = Math.max(max, l);
      }
      double[] p = new double[logits.length];
      double sum = 0;
      for (int i = 0; i < logits.length; i++) {
        p[i] = Math.exp(logits[i] - max);
        sum += p[i];
      }
      for (int i = 0; i < p.length; i++) {
        p[i] /= sum;
      }
      return p;
    }
  }

  /**
   * @param text a short text
   * @return the intent label the model must predict
   */
  static String intentLabel(String text) {
    double[] p = intentProbabilities(text);
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return FixtureTasks.INTENT.labels().get(best);
  }

  private static HuggingFaceTokenizer tokenizer() {
    byte[] json = FixturePackage.minilmTokenizer().getBytes(StandardCharsets.UTF_8);
    try {
      return HuggingFaceTokenizer.newInstance(
          new ByteArrayInputStream(json), Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
