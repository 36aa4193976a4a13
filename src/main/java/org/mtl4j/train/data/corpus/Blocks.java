package org.mtl4j.train.data.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.train.data.DataFormatException;

/** Splits a text file into blocks of non-blank lines, remembering where each block starts. */
final class Blocks {

  /** Consecutive non-blank lines and the 1-based line number of the first. */
  record Block(List<String> lines, int firstLine) {
    int line(int index) {
      return firstLine + index;
    }
  }

  private Blocks() {}

  static List<Block> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(file, 0, "no such file");
    }
    List<Block> blocks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int lineNo = 0;
    int start = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          if (!current.isEmpty()) {
            blocks.add(new Block(current, start));
            current = new ArrayList<>();
          }
        } else {
          if (current.isEmpty()) {
            start = lineNo;
          }
          current.add(line);
        }
      }
    } catch (CharacterCodingException e) {
      throw new DataFormatException(file, lineNo + 1, "not valid UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (!current.isEmpty()) {
      blocks.add(new Block(current, start));
    }
    if (blocks.isEmpty()) {
      throw new DataFormatException(file, 1, "empty file: no sentences");
    }
    return blocks;
  }
}
