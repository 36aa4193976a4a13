package org.mtl4j.train.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.ParameterSpec;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/** Each family's block on its tiny preset: parameters, weight round trips and masking. */
class EncoderBlockTest {

  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void parameterNamesAndShapesAreTheSpecs(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    EncoderBlock block = EncoderBlocks.random(config, true, 1, manager);

    List<String> names = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      names.add(p.getKey());
      ParameterSpec spec = block.parameterSpecs().get(names.size() - 1);
      assertThat(p.getValue().getName()).isEqualTo(p.getKey());
      assertThat(p.getValue().getArray().getShape().getShape())
          .as(p.getKey())
          .containsExactly(spec.shape());
    }
    assertThat(names)
        .containsExactlyElementsOf(
            config.parameters(true).stream().map(ParameterSpec::name).toList());
    assertThat(block.hasPooler()).isEqualTo(family.hasPooler());
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void weightsRoundTripBitExactly(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    Map<String, FloatTensor> weights = RandomWeights.of(config, true, 3);
    EncoderBlock block = EncoderBlocks.withWeights(config, weights, manager, "random");

    Map<String, FloatTensor> out = EncoderWeights.snapshot(block);

    assertThat(out).isEqualTo(weights);
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void safetensorsSaveAndLoadRoundTripBitExactly(EncoderFamily family, @TempDir Path dir) {
    EncoderConfig config = Presets.tiny(family).config();
    EncoderBlock block = EncoderBlocks.random(config, true, 4, manager);
    Path file = dir.resolve("weights.safetensors");

    EncoderWeights.save(block, file);
    EncoderBlock loaded = EncoderBlocks.create(config, true);
    EncoderWeights.load(loaded, file, manager);

    Map<String, FloatTensor> expected = EncoderWeights.snapshot(block);
    Map<String, FloatTensor> actual = EncoderWeights.snapshot(loaded);
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (name, tensor) -> {
          assertThat(actual.get(name).shape()).as(name).containsExactly(tensor.shape());
          assertThat(floatBits(actual.get(name).data()))
              .as(name)
              .containsExactly(floatBits(tensor.data()));
        });
  }

  @Test
  void aMissingTensorInTheFileIsNamed(@TempDir Path dir) {
    EncoderConfig config = Presets.tiny(EncoderFamily.ALBERT).config();
    Map<String, FloatTensor> weights = new LinkedHashMap<>(RandomWeights.of(config, true, 1));
    weights.remove("encoder.embedding_hidden_mapping_in.bias");
    Path file = dir.resolve("w.safetensors");
    SafeTensorsWriter.write(file, weights);

    assertThatThrownBy(() -> EncoderWeights.load(EncoderBlocks.create(config, true), file, manager))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("missing")
        .hasMessageContaining("encoder.embedding_hidden_mapping_in.bias");
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void idsAtPaddedPositionsDoNotReachRealTokens(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    EncoderBlock block = EncoderBlocks.random(config, true, 5, manager);
    long[][] rows = {TinyBatches.tokens(config, 5, 1), TinyBatches.tokens(config, 9, 2)};

    NDList padded = TinyBatches.batch(manager, config, rows, 9, config.padTokenId());
    NDList garbage = TinyBatches.batch(manager, config, rows, 9, 42);
    NDList a = forward(block, padded);
    NDList b = forward(block, garbage);

    for (int row = 0; row < rows.length; row++) {
      NDArray mask = padded.get(1);
      assertThat(
              maxAbsDiff(
                  TinyBatches.realTokens(a.get(0), mask, row),
                  TinyBatches.realTokens(b.get(0), mask, row)))
          .isLessThanOrEqualTo(1e-6f);
    }
    assertThat(maxAbsDiff(block.sentenceVector(a), block.sentenceVector(b)))
        .isLessThanOrEqualTo(1e-6f);
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void aSequenceGivesTheSameOutputsWhateverItsPadding(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    EncoderBlock block = EncoderBlocks.random(config, true, 9, manager);
    long[][] row = {TinyBatches.tokens(config, 6, 4)};

    NDList alone = TinyBatches.batch(manager, config, row, 6, config.padTokenId());
    NDArray expected = forward(block, alone).get(0).get(0);
    for (int length : new int[] {7, 11}) {
      NDList padded = TinyBatches.batch(manager, config, row, length, config.padTokenId());
      NDList out = forward(block, padded);
      assertThat(maxAbsDiff(TinyBatches.realTokens(out.get(0), padded.get(1), 0), expected))
          .as("padded to %d", length)
          .isLessThanOrEqualTo(1e-5f);
      assertThat(maxAbsDiff(block.sentenceVector(out), block.sentenceVector(forward(block, alone))))
          .isLessThanOrEqualTo(1e-5f);
    }
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void outputsHaveTheDocumentedShapes(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    EncoderBlock block = EncoderBlocks.random(config, true, 2, manager);
    long[][] rows = {TinyBatches.tokens(config, 3, 1), TinyBatches.tokens(config, 4, 2)};

    NDList out = forward(block, TinyBatches.batch(manager, config, rows, 4, config.padTokenId()));

    assertThat(out.get(0).getShape().getShape()).containsExactly(2, 4, config.hiddenSize());
    assertThat(out).hasSize(family.hasPooler() ? 2 : 1);
    assertThat(block.sentenceVector(out).getShape().getShape())
        .containsExactly(2, config.hiddenSize());
    assertThat(out.get(0).getDataType()).isEqualTo(DataType.FLOAT32);
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void aForwardPassLeavesNothingInTheWeightsManager(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    try (NDManager weightsManager = NDManager.newBaseManager("PyTorch")) {
      EncoderBlock block = EncoderBlocks.random(config, true, 2, weightsManager);
      int before = ((BaseNDManager) weightsManager).getManagedArrays().size();
      long[][] rows = {TinyBatches.tokens(config, 3, 1)};

      try (NDManager batchManager = weightsManager.newSubManager()) {
        NDList inputs = TinyBatches.batch(batchManager, config, rows, 4, config.padTokenId());
        block.forward(new ParameterStore(batchManager, false), inputs, false);
      }

      assertThat(((BaseNDManager) weightsManager).getManagedArrays()).hasSize(before);
      assertThat(EncoderWeights.snapshot(block)).hasSize(before);
    }
  }

  @Test
  void aPoolerBlockRefusesWeightsWithoutPooler() {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    EncoderBlock block = EncoderBlocks.create(config, true);

    assertThatThrownBy(
            () -> EncoderWeights.load(block, RandomWeights.of(config, false, 1), manager, "ckpt"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("ckpt has no pooler weights");
  }

  @Test
  void weightsWithAWrongShapeAreNamed() {
    EncoderConfig config = Presets.tiny(EncoderFamily.DISTILBERT).config();
    Map<String, FloatTensor> weights = new LinkedHashMap<>(RandomWeights.of(config, false, 1));
    weights.put("transformer.layer.1.ffn.lin1.bias", FloatTensor.zeros(3));

    assertThatThrownBy(() -> EncoderBlocks.withWeights(config, weights, manager, "ckpt"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("transformer.layer.1.ffn.lin1.bias is [3]");
  }

  @Test
  void inputsOfTheWrongTypeAreRefused() {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    EncoderBlock block = EncoderBlocks.random(config, false, 1, manager);
    NDList inputs = new NDList(manager.ones(new Shape(1, 3)), manager.ones(new Shape(1, 3)));

    assertThatThrownBy(() -> forward(block, inputs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input_ids is float32; expected int64");
  }

  @Test
  void aSequenceLongerThanThePositionTableIsRefused() {
    EncoderConfig config = Presets.tiny(EncoderFamily.ROBERTA).config();
    EncoderBlock block = EncoderBlocks.random(config, false, 1, manager);
    int tooLong = 66 - config.padTokenId();
    long[][] rows = {TinyBatches.tokens(config, tooLong, 1)};

    assertThatThrownBy(() -> forward(block, TinyBatches.batch(manager, config, rows, tooLong, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a sequence of " + tooLong + " tokens exceeds the " + (tooLong - 1));
  }

  static NDList forward(EncoderBlock block, NDList inputs) {
    return block.forward(new ParameterStore(manager, false), inputs, false);
  }

  private static int[] floatBits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  static float maxAbsDiff(NDArray a, NDArray b) {
    return a.sub(b).abs().max().getFloat();
  }
}
