package org.mtl4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.train.encoder.TextInputs;
import org.mtl4j.train.encoder.TokenBatch;
import org.mtl4j.train.reference.PackageConversion;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pretrained.PretrainedSource;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * all-minilm-l6-v2 converted (recovered from langchain4j's ONNX file into HuggingFace names),
 * packaged with DJL reference outputs, exported through the gate, and run: its {@code
 * last_hidden_state} matches the original file's within 1e-5 on real sentences, one padded batch.
 */
class MiniLmExportTest {

  @TempDir Path dir;

  @Test
  void reExportedMiniLmMatchesTheOriginalOnnxFile() {
    PretrainedSource source = PretrainedSource.ALL_MINILM_L6_V2;
    EncoderCheckpoint checkpoint = source.load();
    ModelPackage pkg = PackageConversion.convert(checkpoint, null, dir.resolve("pkg"));
    ExportResult result = PackageExporter.export(pkg, dir.resolve("pkg/model.onnx"), List.of());
    assertThat(result.report().passed()).as(result.report().toText()).isTrue();
    assertThat(result.outputs()).contains("last_hidden_state");

    List<String> sentences =
        List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Hi",
            "Multi-task models share one encoder across every head, which saves compute at inference time.",
            "Book a table for two at an Italian restaurant tomorrow evening.");
    TokenBatch batch =
        TokenBatch.encode(
            source.tokenizerJson(), checkpoint.config(), TextInputs.of(sentences, false));
    assertThat(batch.attentionMask()[1]).contains(0L);
    Map<String, long[][]> inputs =
        Map.of(
            "input_ids", batch.inputIds(),
            "attention_mask", batch.attentionMask(),
            "token_type_ids", batch.tokenTypeIds());
    FloatTensor original;
    FloatTensor exported;
    try (InferenceSession runner =
        InferenceSession.open(source.onnxBytes(), ParityGate.SESSION_OPTIONS)) {
      original = runner.run(inputs).get("last_hidden_state");
    }
    try (InferenceSession runner =
        InferenceSession.open(result.model(), ParityGate.SESSION_OPTIONS)) {
      exported = runner.run(inputs).get("last_hidden_state");
    }
    assertThat(exported.shape()).isEqualTo(original.shape());
    assertThat(FamilyParityTest.maxAbsDiff(original, exported, batch.attentionMask()))
        .isLessThanOrEqualTo(1e-5);
  }
}
