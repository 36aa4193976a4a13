package org.mtl4j.train.data.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.train.data.DataFormatException;

/**
 * Reads the raw SNIPS format: one utterance per block, blocks separated by blank lines; every line
 * of a block but the last is {@code word TAG}, the last is the intent.
 *
 * <pre>
 * listen O
 * to O
 * westbam B-artist
 * PlayMusic
 * </pre>
 */
public final class SnipsFormat {

  private SnipsFormat() {}

  /**
   * Reads one file.
   *
   * @param file a SNIPS file such as {@code train.txt}
   * @return its utterances in file order
   * @throws DataFormatException naming the file and line of the first malformed line
   */
  public static List<Utterance> read(Path file) {
    List<Utterance> utterances = new ArrayList<>();
    for (Blocks.Block block : Blocks.read(file)) {
      List<String> lines = block.lines();
      int last = lines.size() - 1;
      String[] intent = lines.get(last).strip().split("\\s+");
      if (intent.length != 1) {
        throw new DataFormatException(
            file,
            block.line(last),
            "a block must end with its intent alone on a line, got '"
                + lines.get(last).strip()
                + "'");
      }
      if (last == 0) {
        throw new DataFormatException(
            file, block.line(0), "intent '" + intent[0] + "' has no words");
      }
      List<String> words = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      for (int i = 0; i < last; i++) {
        String[] cols = lines.get(i).strip().split("\\s+");
        if (cols.length != 2) {
          throw new DataFormatException(
              file, block.line(i), "expected 'word TAG', got '" + lines.get(i).strip() + "'");
        }
        words.add(cols[0]);
        tags.add(cols[1]);
      }
      utterances.add(new Utterance(words, tags, intent[0]));
    }
    return utterances;
  }
}
