package org.mtl4j.train.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/** The blocks train under DJL's Trainer, starting from the weights they were given. */
class EncoderTrainingTest {

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void oneOptimizerStepLowersAToyLoss(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    try (Model model = Model.newInstance("toy-" + family.modelType(), "PyTorch")) {
      NDManager manager = model.getNDManager();
      manager.getEngine().setRandomSeed(17);
      Map<String, FloatTensor> pretrained = RandomWeights.of(config, true, 13);
      EncoderBlock block = EncoderBlocks.withWeights(config, pretrained, manager, "pretrained");
      model.setBlock(block);
      long[][] rows = {TinyBatches.tokens(config, 7, 1), TinyBatches.tokens(config, 4, 2)};
      NDList inputs = TinyBatches.batch(manager, config, rows, 7, config.padTokenId());
      NDArray target = manager.randomNormal(new Shape(2, config.hiddenSize()));
      Loss loss = new SentenceVectorLoss(block);
      DefaultTrainingConfig training =
          new DefaultTrainingConfig(loss)
              .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build());

      try (Trainer trainer = model.newTrainer(training)) {
        trainer.initialize(inputs.getShapes());
        assertThat(EncoderWeights.snapshot(block))
            .as("weights kept by initialize")
            .isEqualTo(pretrained);
        float before = evalLoss(block, loss, inputs, target, manager);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDArray value = loss.evaluate(new NDList(target), trainer.forward(inputs));
          collector.backward(value);
        }
        trainer.step();
        float after = evalLoss(block, loss, inputs, target, manager);

        assertThat(after).isLessThan(before);
      }
    }
  }

  private static float evalLoss(
      EncoderBlock block, Loss loss, NDList inputs, NDArray target, NDManager manager) {
    NDList out = block.forward(new ParameterStore(manager, false), inputs, false);
    return loss.evaluate(new NDList(target), out).getFloat();
  }

  /** Mean squared distance between the block's sentence vectors and a target. */
  private static final class SentenceVectorLoss extends Loss {
    private final EncoderBlock block;

    SentenceVectorLoss(EncoderBlock block) {
      super("toy");
      this.block = block;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      return block.sentenceVector(predictions).sub(labels.head()).square().mean();
    }
  }
}
