package org.mtl4j.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * Fuzzes the data readers (TSV and JSONL, every task type): any file either reads into examples or
 * is refused with a {@link DataFormatException} that names the file; nothing else escapes. The
 * first input byte picks the task type and the format.
 */
class DataReaderFuzzTest {

  private static Path dir;

  @BeforeAll
  static void createFolder() throws IOException {
    dir = Files.createTempDirectory("fuzz-data");
  }

  @AfterAll
  static void deleteFolder() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private static TaskSpec spec(TaskType type) {
    List<String> labels =
        type == TaskType.NER ? List.of("O", "B-city", "I-city") : List.of("a", "b", "c");
    return new TaskSpec("t", type, labels, "CrossEntropyLoss", 1.0, List.of(), 0.1);
  }

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void readsOrRefusesClearly(FuzzedDataProvider data) throws IOException {
    TaskType type = data.pickValue(TaskType.values());
    Path file = dir.resolve(data.consumeBoolean() ? "data.jsonl" : "data.tsv");
    Files.write(file, data.consumeRemainingAsBytes());
    try {
      List<Example> examples = new DataReader(spec(type)).read(file);
      assertThat(examples).isNotEmpty();
    } catch (DataFormatException e) {
      assertThat(e.getMessage()).startsWith(file.toString());
    } finally {
      Files.delete(file);
    }
  }
}
