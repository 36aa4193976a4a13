package org.mtl4j.train.data;

import java.nio.file.Path;

/** A data file that cannot be read as its task's format; the message starts with FILE:LINE:. */
public final class DataFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  /**
   * @param file the data file
   * @param line the 1-based line, or 0 when the error concerns the whole file
   * @param message what was wrong
   */
  public DataFormatException(Path file, int line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
    this.line = line;
  }

  /**
   * @return the data file
   */
  public Path file() {
    return file;
  }

  /**
   * @return the 1-based line, or 0 for the whole file
   */
  public int line() {
    return line;
  }
}
