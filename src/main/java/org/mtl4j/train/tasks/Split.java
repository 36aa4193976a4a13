package org.mtl4j.train.tasks;

/** The three data splits, in the order a task file's {@code file_names} lists them. */
public enum Split {
  /** Training data; every task has it. */
  TRAIN,
  /** Development data: evaluated after every epoch, selects the best checkpoint. */
  DEV,
  /** Held-out test data. */
  TEST;

  /**
   * @return the lower-case name used on the command line and in messages
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
