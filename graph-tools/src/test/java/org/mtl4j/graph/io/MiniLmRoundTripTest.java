package org.mtl4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.graph.MiniLm;
import org.mtl4j.graph.Ort;
import org.mtl4j.graph.check.ModelChecker;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.TensorData;

/**
 * The real all-MiniLM-L6-v2 model, read and written back inline and with external data, gives
 * bit-identical outputs in ONNX Runtime on tokenized sentences, single and in a padded batch.
 */
class MiniLmRoundTripTest {

  private static final List<String> SENTENCES =
      List.of(
          "The quick brown fox jumps over the lazy dog.",
          "ONNX graphs survive a round trip through mtl4j.",
          "Hi!");
  private static final String OUTPUT = "last_hidden_state";

  private static Model model;
  private static List<Map<String, long[][]>> batches;
  private static List<float[]> expected;

  @BeforeAll
  static void readModelAndTokenize() throws Exception {
    model = OnnxReader.read(MiniLm.modelFile());
    try (HuggingFaceTokenizer tokenizer =
        HuggingFaceTokenizer.newInstance(MiniLm.copy(MiniLm.TOKENIZER_RESOURCE))) {
      List<Encoding> encodings = SENTENCES.stream().map(tokenizer::encode).toList();
      batches = new java.util.ArrayList<>();
      for (Encoding e : encodings) {
        batches.add(batch(List.of(e)));
      }
      batches.add(batch(encodings));
    }
    expected = Ort.run(MiniLm.modelFile(), batches, OUTPUT);
  }

  /** Pads the encodings to the longest one: ids and type ids 0, attention mask 0. */
  private static Map<String, long[][]> batch(List<Encoding> encodings) {
    int length = encodings.stream().mapToInt(e -> e.getIds().length).max().orElseThrow();
    long[][] ids = new long[encodings.size()][length];
    long[][] mask = new long[encodings.size()][length];
    long[][] types = new long[encodings.size()][length];
    for (int i = 0; i < encodings.size(); i++) {
      Encoding e = encodings.get(i);
      System.arraycopy(e.getIds(), 0, ids[i], 0, e.getIds().length);
      System.arraycopy(e.getAttentionMask(), 0, mask[i], 0, e.getAttentionMask().length);
      System.arraycopy(e.getTypeIds(), 0, types[i], 0, e.getTypeIds().length);
    }
    Map<String, long[][]> inputs = new LinkedHashMap<>();
    inputs.put("input_ids", ids);
    inputs.put("attention_mask", mask);
    inputs.put("token_type_ids", types);
    return inputs;
  }

  @Test
  void theBatchesAreRealTokenizationsAndOneIsPadded() {
    Map<String, long[][]> padded = batches.get(batches.size() - 1);
    assertThat(padded.get("input_ids")).hasNumberOfRows(3);
    assertThat(padded.get("input_ids")[0][0]).isEqualTo(101L); // [CLS]
    assertThat(padded.get("attention_mask")[2]).contains(0L); // "Hi!" is padded
  }

  @Test
  void readsTheRealModelWithoutCopyingWeights() {
    assertThat(ModelChecker.check(model)).isEmpty();
    assertThat(model.graph().inputs())
        .extracting(v -> v.name())
        .containsExactly("input_ids", "attention_mask", "token_type_ids");
    assertThat(model.graph().outputs()).extracting(v -> v.name()).containsExactly(OUTPUT);
    Tensor embeddings = model.graph().initializers().get("embeddings.word_embeddings.weight");
    assertThat(embeddings.dims()).containsExactly(30522, 384);
    // a view of the memory-mapped file, not a heap copy
    assertThat(embeddings.data()).isInstanceOf(TensorData.InMemory.class);
    assertThat(embeddings.bytes().isDirect()).isTrue();
  }

  @Test
  void inlineRoundTripGivesBitIdenticalOutputs(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("copy.onnx");
    OnnxWriter.write(model, copy);
    assertThat(dir.resolve("copy.onnx.data")).doesNotExist();
    assertBitIdentical(copy);
  }

  @Test
  void externalDataRoundTripGivesBitIdenticalOutputs(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("external.onnx");
    OnnxWriter.write(model, copy, WriteOptions.externalData());
    assertThat(Files.size(copy)).isLessThan(1 << 20);
    assertThat(Files.size(dir.resolve("external.onnx.data"))).isGreaterThan(80L << 20);
    assertBitIdentical(copy);

    // and back: read the external-data model, write it inline again
    Model reread = OnnxReader.read(copy);
    assertThat(reread.graph().initializers().get("embeddings.word_embeddings.weight").data())
        .isInstanceOf(TensorData.FileRegion.class);
    Path inline = dir.resolve("inline-again.onnx");
    OnnxWriter.write(reread, inline);
    assertBitIdentical(inline);
  }

  @Test
  void theComparisonSeesASmallChangeInOneWeight(@TempDir Path dir) throws Exception {
    Model changed = OnnxReader.read(MiniLm.modelFile());
    Tensor bias = changed.graph().initializers().get("encoder.layer.0.attention.self.query.bias");
    float[] values = bias.toFloatArray();
    values[0] += 1e-3f;
    changed
        .graph()
        .initializers()
        .put(bias.name(), Tensor.floats(bias.name(), bias.dims(), values));
    Path copy = dir.resolve("changed.onnx");
    OnnxWriter.write(changed, copy);

    float[] actual = Ort.run(copy, batches.subList(0, 1), OUTPUT).get(0);
    assertThat(firstDifference(expected.get(0), actual)).isNotNegative();
  }

  private static void assertBitIdentical(Path copy) throws Exception {
    List<float[]> actual = Ort.run(copy, batches, OUTPUT);
    for (int b = 0; b < batches.size(); b++) {
      float[] want = expected.get(b);
      float[] got = actual.get(b);
      assertThat(got).hasSameSizeAs(want);
      int at = firstDifference(want, got);
      assertThat(at)
          .as(
              "first differing element of %s for inputs %s: %s vs %s",
              copy.getFileName(),
              shape(batches.get(b)),
              at < 0 ? "" : want[at],
              at < 0 ? "" : got[at])
          .isNegative();
    }
  }

  /** The index of the first element whose bits differ, or -1 when all are bit-identical. */
  private static int firstDifference(float[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
        return i;
      }
    }
    return -1;
  }

  private static String shape(Map<String, long[][]> inputs) {
    long[][] ids = inputs.get("input_ids");
    return Arrays.toString(new int[] {ids.length, ids[0].length});
  }
}
