package org.mtl4j.metrics.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gold or prediction file in the original library's TSV formats, without a header: {@code
 * uid<TAB>label<TAB>...} for classification and {@code uid<TAB>[tags]<TAB>[words]} for tagging (and
 * {@code uid<TAB>[labels]<TAB>...} for multi-label). Only the first two columns are read; blank
 * lines are skipped.
 *
 * @param path the file
 * @param rows uid to row, in file order
 */
public record LabelFile(Path path, Map<String, Row> rows) {

  /**
   * One line of the file.
   *
   * @param uid the example's id
   * @param line 1-based line number
   * @param label the raw second column
   */
  public record Row(String uid, int line, String label) {}

  /** Freezes the rows. */
  public LabelFile {
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }

  /**
   * Reads a file.
   *
   * @param path the file
   * @return its rows
   * @throws IllegalArgumentException for a line without a label column or a repeated uid (naming
   *     file, line and uid)
   * @throws UncheckedIOException when the file cannot be read
   */
  public static LabelFile read(Path path) {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] columns = line.split("\t", 3);
        if (columns.length < 2) {
          throw new IllegalArgumentException(
              path + ":" + number + ": expected uid<TAB>label, found no tab");
        }
        String uid = columns[0].strip();
        Row previous = rows.put(uid, new Row(uid, number, columns[1].strip()));
        if (previous != null) {
          throw new IllegalArgumentException(
              path
                  + ":"
                  + number
                  + ": uid '"
                  + uid
                  + "' already appeared on line "
                  + previous.line());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return new LabelFile(path, rows);
  }
}
