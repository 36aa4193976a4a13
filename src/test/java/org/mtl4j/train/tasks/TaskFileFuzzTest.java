package org.mtl4j.train.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the task-file parser: any YAML text either reads into a task file or is refused with a
 * {@link TaskFileException} that starts with the file's name; nothing else escapes. The folder
 * holds data and label files ({@code train.tsv}, {@code dev.tsv}, {@code labels.txt}) that fuzzed
 * task files can name.
 */
class TaskFileFuzzTest {

  private static Path dir;
  private static Path file;

  @BeforeAll
  static void createFolder() throws IOException {
    dir = Files.createTempDirectory("fuzz-tasks");
    file = dir.resolve("tasks.yml");
    Files.writeString(dir.resolve("train.tsv"), "0\ta\tsome text\n");
    Files.writeString(dir.resolve("dev.tsv"), "0\tb\tmore text\n");
    Files.writeString(dir.resolve("labels.txt"), "a\nb\n");
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

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void readsOrRefusesClearly(byte[] bytes) throws IOException {
    Files.write(file, bytes);
    try {
      TaskFile tasks = TaskFile.read(file);
      assertThat(tasks.tasks()).isNotEmpty();
    } catch (TaskFileException e) {
      assertThat(e.getMessage()).startsWith(file.toString());
    }
  }
}
