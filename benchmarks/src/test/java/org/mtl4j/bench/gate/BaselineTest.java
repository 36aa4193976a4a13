package org.mtl4j.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.bench.run.BenchInputException;

class BaselineTest {

  @TempDir Path dir;

  static RunFacts facts(int threads, List<String> tasks) {
    return new RunFacts(
        List.of("attention_mask", "input_ids"),
        tasks,
        "built-in, batch 1",
        "abc",
        "1.23.2",
        threads,
        "CPU",
        "CPU",
        "bert-2x384-seq64-seed7",
        "some machine");
  }

  private static long[] samples(long start) {
    long[] out = new long[25];
    for (int i = 0; i < out.length; i++) {
      out[i] = start + i;
    }
    return out;
  }

  @Test
  void aBaselineSurvivesWritingAndReading() {
    Baseline b =
        new Baseline(
            Baseline.FORMAT,
            "m.onnx",
            "2026-12-02T00:00:00Z",
            facts(1, List.of("intent:SINGLE_SENTENCE_CLASSIFICATION:3")),
            samples(1000),
            samples(500));
    Path file = dir.resolve("base.json");
    b.write(file);
    Baseline read = Baseline.read(file);
    assertThat(read.facts()).isEqualTo(b.facts());
    assertThat(read.modelNanos()).containsExactly(b.modelNanos());
    assertThat(read.calibrationNanos()).containsExactly(b.calibrationNanos());
  }

  @Test
  void mismatchesNameEveryFactThatDiffers() {
    RunFacts base = facts(1, List.of("intent:SINGLE_SENTENCE_CLASSIFICATION:3"));
    assertThat(base.mismatches(base)).isEmpty();
    RunFacts now = facts(2, List.of("intent:SINGLE_SENTENCE_CLASSIFICATION:4"));
    assertThat(now.mismatches(base))
        .containsExactly(
            "tasks: baseline [intent:SINGLE_SENTENCE_CLASSIFICATION:3], now [intent:SINGLE_SENTENCE_CLASSIFICATION:4]",
            "threads: baseline 1, now 2");
  }

  @Test
  void corruptTruncatedOrForeignFilesAreRefusedWithTheirName() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json at all");
    assertThatThrownBy(() -> Baseline.read(garbage))
        .isInstanceOf(BenchInputException.class)
        .hasMessageContaining("garbage.json is not a valid mtl bench baseline");
    new Baseline(Baseline.FORMAT, "m", "t", facts(1, List.of()), samples(9), samples(9))
        .write(dir.resolve("ok.json"));
    String text = Files.readString(dir.resolve("ok.json"));
    Path truncated =
        Files.writeString(dir.resolve("truncated.json"), text.substring(0, text.length() / 2));
    assertThatThrownBy(() -> Baseline.read(truncated))
        .isInstanceOf(BenchInputException.class)
        .hasMessageContaining("truncated.json");
    Path foreign =
        Files.writeString(dir.resolve("foreign.json"), text.replace(Baseline.FORMAT, "other/2"));
    assertThatThrownBy(() -> Baseline.read(foreign)).hasMessageContaining("format is 'other/2'");
    Path unpaired =
        Files.writeString(dir.resolve("unpaired.json"), text.replaceFirst("\\[ 9, ", "[ "));
    assertThatThrownBy(() -> Baseline.read(unpaired)).hasMessageContaining("paired samples");
    assertThatThrownBy(() -> Baseline.read(dir.resolve("none.json")))
        .hasMessageContaining("none.json does not exist");
  }
}
