package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.mtl4j.zoo.encoder.AlbertConfig;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.DistilBertConfig;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.XLNetConfig;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/** Builds the {@link EncoderBlock} of a config's family. */
public final class EncoderBlocks {

  private EncoderBlocks() {}

  /**
   * A block without weights; give it weights with {@link EncoderWeights#load}.
   *
   * @param config the hyper-parameters; the record type selects the family's block
   * @param withPooler whether to include the pooler (ignored for families without one)
   * @return the block
   */
  public static EncoderBlock create(EncoderConfig config, boolean withPooler) {
    if (config instanceof BertConfig bert) {
      return new BertBlock(bert, withPooler);
    } else if (config instanceof DistilBertConfig distilBert) {
      return new DistilBertBlock(distilBert);
    } else if (config instanceof AlbertConfig albert) {
      return new AlbertBlock(albert, withPooler);
    } else if (config instanceof XLNetConfig xlnet) {
      return new XLNetBlock(xlnet);
    }
    throw new IllegalArgumentException("no DJL block for " + config.getClass().getName());
  }

  /**
   * A block holding the given weights.
   *
   * @param config the hyper-parameters
   * @param weights tensors by HuggingFace name (task prefix accepted); the pooler is included when
   *     they hold it
   * @param manager the manager that owns the parameter arrays
   * @param source where the weights came from, for messages
   * @return the block
   */
  public static EncoderBlock withWeights(
      EncoderConfig config, Map<String, FloatTensor> weights, NDManager manager, String source) {
    boolean pooler = EncoderWeights.holdsPooler(config, weights, source);
    EncoderBlock block = create(config, pooler);
    EncoderWeights.load(block, weights, manager, source);
    return block;
  }

  /**
   * A block holding a checkpoint's weights, with the pooler when the checkpoint has one.
   *
   * @param checkpoint an imported checkpoint or pretrained source
   * @param manager the manager that owns the parameter arrays
   * @return the block
   */
  public static EncoderBlock of(EncoderCheckpoint checkpoint, NDManager manager) {
    return withWeights(checkpoint.config(), checkpoint.weights(), manager, checkpoint.source());
  }

  /**
   * A block with the spec's seeded random weights ({@link RandomWeights}).
   *
   * @param config the hyper-parameters
   * @param withPooler whether to include the pooler
   * @param seed the seed
   * @param manager the manager that owns the parameter arrays
   * @return the block
   */
  public static EncoderBlock random(
      EncoderConfig config, boolean withPooler, long seed, NDManager manager) {
    EncoderBlock block = create(config, withPooler);
    EncoderWeights.load(
        block,
        RandomWeights.of(config, block.hasPooler(), seed),
        manager,
        "random(seed " + seed + ")");
    return block;
  }
}
