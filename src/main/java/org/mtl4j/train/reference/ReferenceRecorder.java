package org.mtl4j.train.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.train.encoder.EncoderBlock;
import org.mtl4j.train.heads.EncodedBatch;
import org.mtl4j.train.heads.TaskHead;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Records a package's {@link ReferenceSet}: runs the DJL encoder and heads in eval mode on each
 * batch and keeps inputs and outputs. With heads the outputs are {@code <task>.logits}; without,
 * the encoder's {@code last_hidden_state} (and {@code pooler_output} where it has a pooler).
 */
public final class ReferenceRecorder {

  private ReferenceRecorder() {}

  /**
   * @param block the encoder, weights loaded
   * @param heads the heads; empty for an encoder-only package
   * @param batches the probe batches
   * @param manager the manager the input arrays are created in (released per batch)
   * @return the reference set (probe split)
   */
  public static ReferenceSet record(
      EncoderBlock block, List<TaskHead> heads, List<ProbeBatch> batches, NDManager manager) {
    boolean types = block.family().usesTokenTypeIds();
    List<ReferenceBatch> out = new ArrayList<>();
    for (ProbeBatch batch : batches) {
      try (NDManager scope = manager.newSubManager()) {
        NDList in = new NDList(scope.create(batch.inputIds()), scope.create(batch.attentionMask()));
        if (types) {
          in.add(scope.create(batch.tokenTypeIds()));
        }
        NDList encoded = block.forward(new ParameterStore(scope, false), in, false);
        Map<String, NDArray> named = new LinkedHashMap<>();
        if (!heads.isEmpty()) {
          EncodedBatch batchOutputs = new EncodedBatch(block, encoded);
          heads.forEach(h -> named.put(h.spec().outputName(), h.logits(batchOutputs, false)));
        } else {
          named.put(OnnxContract.LAST_HIDDEN_STATE, encoded.get(0));
          if (block.hasPooler()) {
            named.put(OnnxContract.POOLER_OUTPUT, encoded.get(1));
          }
        }
        Map<String, FloatTensor> outputs = new LinkedHashMap<>();
        named.forEach(
            (name, array) ->
                outputs.put(
                    name, new FloatTensor(array.getShape().getShape(), array.toFloatArray())));
        out.add(
            new ReferenceBatch(
                batch.name(),
                ReferenceBatch.PROBE,
                batch.inputIds(),
                batch.attentionMask(),
                types ? batch.tokenTypeIds() : null,
                outputs,
                Map.of()));
      }
    }
    return new ReferenceSet(out);
  }
}
