package org.mtl4j.train.tasks;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A task's data files, resolved against the task file's folder.
 *
 * @param train training data; always present
 * @param dev development data, or null when the task file lists only a train file
 * @param test test data, or null when the task file lists fewer than three files
 */
public record DataFiles(Path train, Path dev, Path test) {

  /** Requires the train file and a dev file whenever a test file is given. */
  public DataFiles {
    Objects.requireNonNull(train, "train file");
    if (test != null && dev == null) {
      throw new IllegalArgumentException("a test file needs a dev file before it");
    }
  }

  /**
   * @param split a split
   * @return that split's file, if the task has one
   */
  public Optional<Path> file(Split split) {
    return Optional.ofNullable(
        switch (split) {
          case TRAIN -> train;
          case DEV -> dev;
          case TEST -> test;
        });
  }
}
