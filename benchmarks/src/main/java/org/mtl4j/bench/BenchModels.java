package org.mtl4j.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.testing.FixturePackage;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/**
 * The benchmark model and inputs: the real all-MiniLM-L6-v2 encoder with seeded heads for
 * intent (classification), topics (multi-label) and slots (tagging), and texts of exact token
 * lengths.
 */
final class BenchModels {

  /** Maximum length written into the benchmark package's manifest. */
  static final int MAX_LENGTH = 256;

  private static final String[] WORDS = {
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "then", "runs", "to",
    "paris", "with", "anna", "on", "monday", "for", "a", "new", "job", "in", "the", "city"
  };

  private BenchModels() {}

  /**
   * @return a fresh package directory with MiniLM + heads
   */
  static Path miniLmPackage() {
    return new MiniLmModel(42, FixtureTasks.SINGLE).writePackage(tempDir().resolve("minilm"), MAX_LENGTH);
  }

  /**
   * @return a fresh package directory with the tiny fixture model and all four task types
   */
  static Path tinyPackage() {
    return new TinyModel(42, FixtureTasks.ALL, MiniLmModel.VOCAB, true)
        .writePackage(tempDir().resolve("tiny"), MAX_LENGTH);
  }

  /** A temporary directory removed with its contents when the JVM exits. */
  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("mtl4j-bench");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot remove " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Brings the runtime's Java code (tokenization, tensors, decoding of every task type) to
   * steady state before measuring: with a model that takes milliseconds per call, JMH's warm-up
   * alone runs that code too few times for the JIT to compile it. Runs the tiny fixture model,
   * whose calls cost microseconds, on the given texts.
   *
   * @param texts texts like the ones the benchmark measures
   * @param calls predictions to run
   */
  static void warmJavaPaths(List<String> texts, int calls) {
    Path pkg = tinyPackage();
    try (MtlModel tiny = MtlModel.load(pkg, RuntimeOptions.builder().optIntraOpThreads(1).build())) {
      for (int i = 0; i < calls; i++) {
        tiny.predict(texts.get(i % texts.size()));
      }
    }
  }

  /**
   * @return a tokenizer like the runtime's (no padding, no truncation)
   */
  static HuggingFaceTokenizer tokenizer() {
    try {
      return HuggingFaceTokenizer.newInstance(
          new ByteArrayInputStream(FixturePackage.minilmTokenizer().getBytes(StandardCharsets.UTF_8)),
          Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param tokens wanted length in tokens, [CLS] and [SEP] included
   * @param seed word order seed
   * @return a text that tokenizes to exactly that many tokens
   */
  static String text(HuggingFaceTokenizer tokenizer, int tokens, long seed) {
    Random random = new Random(seed);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < tokens - 2; i++) {
      words.add(WORDS[random.nextInt(WORDS.length)]);
    }
    String text = String.join(" ", words);
    int actual = tokenizer.encode(text).getIds().length;
    if (actual != tokens) {
      throw new IllegalStateException("text of " + tokens + " tokens came out as " + actual);
    }
    return text;
  }
}
