package org.mtl4j.train.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.HfConfigJson;

/**
 * Each block against a float64 numpy transcription of the transformers model it reproduces ({@code
 * golden/make_golden.py}, which regenerates the files): seeded weights large enough to make
 * attention uneven, two rows of which one is padded, two segments. XLNet's golden is the only check
 * of its relative attention and segment terms against the reference formulas.
 */
class GoldenForwardTest {

  private static final float TOLERANCE = 2e-5f;
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"bert", "roberta", "distilbert", "albert", "xlnet"})
  void blockMatchesTheReferenceForward(String family) throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("golden/" + family).toURI());
    EncoderConfig config = HfConfigJson.read(dir.resolve("config.json"));
    JsonNode io = JSON.readTree(dir.resolve("io.json").toFile());
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      EncoderBlock block = EncoderBlocks.create(config, io.has("pooler_output"));
      EncoderWeights.load(block, dir.resolve("model.safetensors"), manager);
      NDList inputs =
          new NDList(longs(manager, io.get("input_ids")), longs(manager, io.get("attention_mask")));
      if (config.family().usesTokenTypeIds()) {
        inputs.add(longs(manager, io.get("token_type_ids")));
      }

      NDList out = block.forward(new ParameterStore(manager, false), inputs, false);

      assertClose(out.get(0), floats(manager, io.get("last_hidden_state")), "last_hidden_state");
      if (block.hasPooler()) {
        assertClose(out.get(1), floats(manager, io.get("pooler_output")), "pooler_output");
      }
    }
  }

  private static void assertClose(NDArray actual, NDArray expected, String name) {
    assertThat(actual.getShape()).as(name).isEqualTo(expected.getShape());
    assertThat(actual.sub(expected).abs().max().getFloat()).as(name).isLessThanOrEqualTo(TOLERANCE);
  }

  private static NDArray longs(NDManager manager, JsonNode rows) {
    long[][] values = new long[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      values[r] = new long[rows.get(r).size()];
      for (int c = 0; c < values[r].length; c++) {
        values[r][c] = rows.get(r).get(c).asLong();
      }
    }
    return manager.create(values);
  }

  private static NDArray floats(NDManager manager, JsonNode node) {
    List<Long> shape = new ArrayList<>();
    for (JsonNode n = node; n.isArray(); n = n.get(0)) {
      shape.add((long) n.size());
    }
    List<Float> flat = new ArrayList<>();
    flatten(node, flat);
    float[] data = new float[flat.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = flat.get(i);
    }
    return manager.create(data, new Shape(shape));
  }

  private static void flatten(JsonNode node, List<Float> out) {
    if (node.isArray()) {
      node.forEach(n -> flatten(n, out));
    } else {
      out.add(node.floatValue());
    }
  }
}
