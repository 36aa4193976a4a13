package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.runtime.BatchPacker;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.runtime.TextTokenizer;
import org.mtl4j.runtime.TokenizedText;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.pkg.TokenizerFacts;

/**
 * A tokenized batch padded to its longest row: {@code input_ids}, {@code attention_mask} and {@code
 * token_type_ids}, each {@code [batch][sequence]}, built by runtime's tokenizer front and batch
 * packer exactly as serving builds them (the tokenizer's pad ids, on the family's side).
 *
 * @param inputIds token ids
 * @param attentionMask 1 for tokens, 0 for padding
 * @param tokenTypeIds segment ids (the tokenizer's pad type id at padding)
 */
public record TokenBatch(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {

  /**
   * Tokenizes and pads the inputs, each truncated to the encoder's maximum length.
   *
   * @param tokenizerJson the family's tokenizer.json text
   * @param config the encoder config (family, maximum length)
   * @param inputs the texts or pairs
   * @return the batch
   */
  public static TokenBatch encode(
      String tokenizerJson, EncoderConfig config, List<TextInput> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no inputs to tokenize");
    }
    BatchPacker packer =
        BatchPacker.of(
            TokenizerFacts.parse(tokenizerJson, "tokenizer.json", config.family().padLeft()));
    List<long[]> ids = new ArrayList<>();
    List<long[]> types = new ArrayList<>();
    try (TextTokenizer tokenizer =
        TextTokenizer.create(tokenizerJson, config.maxSequenceLength(), "tokenizer.json")) {
      for (TextInput in : inputs) {
        TokenizedText text =
            in.isPair()
                ? tokenizer.tokenizePair(in.text(), in.textB())
                : tokenizer.tokenizeTruncated(in.text());
        ids.add(text.ids());
        types.add(text.typeIds());
      }
    }
    PackedBatch packed = packer.pack(ids, types, 0);
    return new TokenBatch(
        packed.rowsOf(packed.inputIds()),
        packed.rowsOf(packed.attentionMask()),
        packed.rowsOf(packed.tokenTypeIds()));
  }

  /**
   * @return the number of rows
   */
  public int batchSize() {
    return inputIds.length;
  }

  /**
   * @return the padded length
   */
  public int sequenceLength() {
    return inputIds[0].length;
  }

  /**
   * The batch as block inputs, in {@link EncoderBlock#inputNames()} order.
   *
   * @param manager the manager that owns the arrays
   * @param withTokenTypes whether to include {@code token_type_ids}
   * @return the arrays
   */
  public NDList toNDList(NDManager manager, boolean withTokenTypes) {
    NDList list = new NDList(manager.create(inputIds), manager.create(attentionMask));
    if (withTokenTypes) {
      list.add(manager.create(tokenTypeIds));
    }
    return list;
  }
}
