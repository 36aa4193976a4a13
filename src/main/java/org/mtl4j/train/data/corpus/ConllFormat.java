package org.mtl4j.train.data.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.train.data.DataFormatException;

/**
 * Reads CoNLL-2003 column files: one {@code word POS chunk NER} line per token (the first column is
 * the word, the last the entity tag), blank lines between sentences, {@code -DOCSTART-} lines
 * between documents. Tags are kept as written (CoNLL-2003 uses IOB1).
 */
public final class ConllFormat {

  private static final String DOCSTART = "-DOCSTART-";

  private ConllFormat() {}

  /**
   * Reads one file.
   *
   * @param file a CoNLL file such as {@code eng.train}
   * @return its sentences in file order, with no intent
   * @throws DataFormatException naming the file and line of the first malformed line
   */
  public static List<Utterance> read(Path file) {
    List<Utterance> sentences = new ArrayList<>();
    for (Blocks.Block block : Blocks.read(file)) {
      List<String> words = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      for (int i = 0; i < block.lines().size(); i++) {
        String[] cols = block.lines().get(i).strip().split("\\s+");
        if (cols[0].equals(DOCSTART)) {
          continue;
        }
        if (cols.length < 2) {
          throw new DataFormatException(
              file, block.line(i), "expected 'word ... TAG' columns, got '" + cols[0] + "'");
        }
        words.add(cols[0]);
        tags.add(cols[cols.length - 1]);
      }
      if (!words.isEmpty()) {
        sentences.add(new Utterance(words, tags, null));
      }
    }
    return sentences;
  }
}
