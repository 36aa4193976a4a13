package org.mtl4j.train.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mtl4j.zoo.encoder.EncoderConfig;

/**
 * A tokenized batch padded to its longest row: {@code input_ids}, {@code attention_mask} and {@code
 * token_type_ids}, each {@code [batch][sequence]}. Rows are padded with the config's pad id, on the
 * left for families that pad on the left (XLNet), on the right otherwise.
 *
 * @param inputIds token ids
 * @param attentionMask 1 for tokens, 0 for padding
 * @param tokenTypeIds segment ids (0 at padding)
 */
public record TokenBatch(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {

  /**
   * Opens a tokenizer from its {@code tokenizer.json} text with the file's own padding switched off
   * (the batch pads itself); truncation stays as the file sets it.
   *
   * @param tokenizerJson the tokenizer.json text
   * @return the tokenizer; the caller closes it
   */
  public static HuggingFaceTokenizer tokenizer(String tokenizerJson) {
    try {
      return HuggingFaceTokenizer.newInstance(
          new ByteArrayInputStream(tokenizerJson.getBytes(StandardCharsets.UTF_8)),
          Map.of("padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer.json", e);
    }
  }

  /**
   * Tokenizes and pads the inputs.
   *
   * @param tokenizer the family's tokenizer
   * @param config the encoder config (family, pad id)
   * @param inputs the texts or pairs
   * @return the batch
   */
  public static TokenBatch encode(
      HuggingFaceTokenizer tokenizer, EncoderConfig config, List<TextInput> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no inputs to tokenize");
    }
    Encoding[] encodings =
        inputs.stream()
            .map(
                in ->
                    in.isPair()
                        ? tokenizer.encode(in.text(), in.textB())
                        : tokenizer.encode(in.text()))
            .toArray(Encoding[]::new);
    int length = Arrays.stream(encodings).mapToInt(e -> e.getIds().length).max().orElseThrow();
    boolean left = config.family().padLeft();
    long[][] ids = new long[inputs.size()][length];
    long[][] mask = new long[inputs.size()][length];
    long[][] types = new long[inputs.size()][length];
    for (int r = 0; r < encodings.length; r++) {
      long[] rowIds = encodings[r].getIds();
      int offset = left ? length - rowIds.length : 0;
      Arrays.fill(ids[r], config.padTokenId());
      System.arraycopy(rowIds, 0, ids[r], offset, rowIds.length);
      System.arraycopy(encodings[r].getAttentionMask(), 0, mask[r], offset, rowIds.length);
      System.arraycopy(encodings[r].getTypeIds(), 0, types[r], offset, rowIds.length);
    }
    return new TokenBatch(ids, mask, types);
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
