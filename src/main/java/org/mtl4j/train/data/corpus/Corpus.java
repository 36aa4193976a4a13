package org.mtl4j.train.data.corpus;

import java.util.List;
import org.mtl4j.train.tasks.Split;

/**
 * A corpus split three ways.
 *
 * @param source where it came from, for the header of the task file written from it
 * @param train training utterances
 * @param dev development utterances
 * @param test test utterances
 */
public record Corpus(
    String source, List<Utterance> train, List<Utterance> dev, List<Utterance> test) {

  /** Copies the lists; every split needs at least one utterance. */
  public Corpus {
    train = List.copyOf(train);
    dev = List.copyOf(dev);
    test = List.copyOf(test);
    if (train.isEmpty() || dev.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException(source + ": every split needs at least one utterance");
    }
  }

  /**
   * @param split a split
   * @return its utterances
   */
  public List<Utterance> split(Split split) {
    return switch (split) {
      case TRAIN -> train;
      case DEV -> dev;
      case TEST -> test;
    };
  }
}
