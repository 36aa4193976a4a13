package org.mtl4j.export;

import org.mtl4j.zoo.encoder.AlbertConfig;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.DistilBertConfig;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.XLNetConfig;

/**
 * Emits one family's encoder into a graph: what the family's bare HuggingFace model computes in
 * eval mode, with the parameters under their HuggingFace names.
 */
sealed interface EncoderEmitter
    permits BertEmitter, DistilBertEmitter, AlbertEmitter, XLNetEmitter {

  /**
   * @param ops the graph and the weights
   * @param inputs the graph inputs
   * @param withPooler whether to emit the pooler (ignored by families without one)
   * @return the encoder's outputs
   */
  EncoderGraph emit(GraphOps ops, GraphInputs inputs, boolean withPooler);

  /**
   * @param config the hyper-parameters; the record type selects the family
   * @return the family's emitter
   */
  static EncoderEmitter of(EncoderConfig config) {
    if (config instanceof BertConfig bert) {
      return new BertEmitter(bert);
    } else if (config instanceof DistilBertConfig distilBert) {
      return new DistilBertEmitter(distilBert);
    } else if (config instanceof AlbertConfig albert) {
      return new AlbertEmitter(albert);
    } else if (config instanceof XLNetConfig xlnet) {
      return new XLNetEmitter(xlnet);
    }
    throw new IllegalArgumentException("no ONNX emitter for " + config.getClass().getName());
  }
}
