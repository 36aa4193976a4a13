package org.mtl4j.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The SNIPS test-split utterances committed as a test resource (attribution in the file). */
final class SnipsTexts {

  private static final String RESOURCE = "/snips-test-texts.txt";

  private SnipsTexts() {}

  /**
   * @return the 700 utterances, in file order
   */
  static List<String> load() {
    InputStream in = SnipsTexts.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("test resource " + RESOURCE + " is missing");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
