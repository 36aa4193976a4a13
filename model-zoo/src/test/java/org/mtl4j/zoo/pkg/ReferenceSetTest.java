package org.mtl4j.zoo.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.weights.FloatTensor;

class ReferenceSetTest {

  @TempDir Path dir;

  static ReferenceSet sample() {
    ReferenceBatch probe =
        new ReferenceBatch(
            "b2-len3",
            ReferenceBatch.PROBE,
            new long[][] {{5, 6, 7}, {8, 0, 0}},
            new long[][] {{1, 1, 1}, {1, 0, 0}},
            new long[][] {{0, 0, 1}, {0, 0, 0}},
            Map.of(
                "intent.logits",
                new FloatTensor(new long[] {2, 2}, new float[] {0.5f, -1f, 2f, 3.25f})),
            Map.of());
    ReferenceBatch dev =
        new ReferenceBatch(
            "dev-0",
            ReferenceBatch.DEV,
            new long[][] {{5, 6}},
            new long[][] {{1, 1}},
            null,
            Map.of("intent.logits", new FloatTensor(new long[] {1, 2}, new float[] {1f, 2f})),
            Map.of(
                "intent", new long[][] {{1}}, "ner", new long[][] {{ReferenceBatch.IGNORED, 2}}));
    return new ReferenceSet(List.of(probe, dev));
  }

  @Test
  void roundTripsThroughItsTwoFiles() {
    ReferenceSet set = sample();
    set.write(dir);
    assertThat(dir.resolve(ReferenceSet.INDEX_FILE)).exists();
    assertThat(dir.resolve(ReferenceSet.OUTPUTS_FILE)).exists();
    ReferenceSet back = ReferenceSet.read(dir);
    assertThat(back).isEqualTo(set);
    assertThat(back.batch("dev-0").isDev()).isTrue();
    assertThat(back.batch("b2-len3").tokenTypeIds()[0]).containsExactly(0, 0, 1);
  }

  @Test
  void aMissingOutputTensorIsNamed() throws Exception {
    sample().write(dir);
    Path index = dir.resolve(ReferenceSet.INDEX_FILE);
    Files.writeString(
        index, Files.readString(index).replace("\"intent.logits\"", "\"ner.logits\""));
    assertThatThrownBy(() -> ReferenceSet.read(dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("b2-len3")
        .hasMessageContaining("b2-len3/ner.logits");
  }

  @Test
  void raggedRowsAreRejected() {
    assertThatThrownBy(
            () ->
                new ReferenceBatch(
                    "x",
                    ReferenceBatch.PROBE,
                    new long[][] {{1, 2}, {3}},
                    new long[][] {{1, 1}, {1}},
                    null,
                    Map.of(),
                    Map.of()))
        .hasMessageContaining("input_ids row 1");
  }
}
