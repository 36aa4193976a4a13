package org.mtl4j.spark;

import java.nio.file.Path;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/**
 * Model packages for the tests: the tiny fixture model with the MiniLM tokenizer and every task
 * type (intent, topics, slots, and the pair task nli).
 */
final class TestModels {

  private TestModels() {}

  /**
   * @param dir parent directory
   * @param seed weight seed; different seeds give packages with different checksums
   * @return the new package directory
   */
  static Path tinyPackage(Path dir, long seed) {
    return new TinyModel(seed, FixtureTasks.ALL, MiniLmModel.VOCAB, true)
        .writePackage(dir.resolve("tiny-" + seed), 64);
  }
}
