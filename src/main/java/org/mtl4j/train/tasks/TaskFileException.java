package org.mtl4j.train.tasks;

import java.nio.file.Path;

/**
 * A task file that cannot be used: bad YAML, an unknown key, a bad value, a missing data or label
 * file. The message starts with {@code FILE:LINE:} and names the task when there is one.
 */
public final class TaskFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  /**
   * @param file the task file
   * @param line 1-based line of the offending key or value, or 0 when no line applies
   * @param task the task the error belongs to, or null for file-level errors
   * @param message what was wrong
   */
  public TaskFileException(Path file, int line, String task, String message) {
    super(
        file
            + (line > 0 ? ":" + line : "")
            + ": "
            + (task == null ? "" : "task '" + task + "': ")
            + message);
    this.file = file;
    this.line = line;
  }

  /**
   * @return the task file
   */
  public Path file() {
    return file;
  }

  /**
   * @return the 1-based line the error points at, or 0 when it concerns the whole file
   */
  public int line() {
    return line;
  }
}
