package org.mtl4j.zoo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writesReplaceTheTargetAndLeaveNoTemporaryFile() throws Exception {
    Path target = dir.resolve("a.json");
    AtomicFiles.writeString(target, "one");
    AtomicFiles.writeString(target, "two");
    assertThat(Files.readString(target)).isEqualTo("two");
    try (var list = Files.list(dir)) {
      assertThat(list.toList()).containsExactly(target);
    }
  }

  @Test
  void aFailedWriteKeepsTheOldContent() throws Exception {
    Path target = dir.resolve("a.json");
    AtomicFiles.writeString(target, "old");
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(1);
                      throw new IOException("boom");
                    }))
        .hasMessageContaining("cannot write " + target)
        .hasMessageContaining("boom");
    assertThat(Files.readString(target)).isEqualTo("old");
    try (var list = Files.list(dir)) {
      assertThat(list.toList()).containsExactly(target);
    }
  }

  @Test
  void aWriterThatClosesItsStreamStillGetsItsFileForcedAndRenamed() throws Exception {
    Path target = dir.resolve("closed.json");
    AtomicFiles.write(
        target,
        out -> {
          out.write("{}".getBytes());
          out.close();
        });
    assertThat(Files.readString(target)).isEqualTo("{}");
  }

  @Test
  void staleTemporariesOfATargetAreRemovedAndOthersKept() throws Exception {
    Path target = dir.resolve("weights.safetensors");
    Path stale = Files.writeString(dir.resolve(".weights.safetensors12345.tmp"), "x");
    Path other = Files.writeString(dir.resolve(".tokenizer.json999.tmp"), "y");
    AtomicFiles.removeStaleTemporaries(target);
    assertThat(stale).doesNotExist();
    assertThat(other).exists();
  }

  @Test
  void foldersAndFilesCanBeForced() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    AtomicFiles.forceFile(f);
    AtomicFiles.forceDirectory(dir);
    assertThatThrownBy(() -> AtomicFiles.forceDirectory(dir.resolve("missing")))
        .isInstanceOf(IOException.class);
  }
}
