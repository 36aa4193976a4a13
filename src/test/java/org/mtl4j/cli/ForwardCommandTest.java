package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.encoder.EncoderBlock;
import org.mtl4j.train.encoder.EncoderBlocks;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.hf.HfCheckpoint;
import org.mtl4j.zoo.pkg.TokenizerFacts;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * {@code mtl forward} on a tiny BERT checkpoint folder with a hand-written word-level tokenizer
 * ({@code tiny-tokenizer.json}: [PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3, twenty words from id 10).
 */
class ForwardCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void writesInputsAndTheBlocksEvalOutputs() throws IOException {
    Path checkpoint = tinyCheckpoint(EncoderFamily.BERT);
    Path out = dir.resolve("out.json");

    CliRun run =
        forward(
            checkpoint.toString(),
            "--engine",
            "djl",
            "--text",
            "the cat sat",
            "a dog",
            "--output",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("last_hidden_state [2, 5, 32]");
    JsonNode json = JSON.readTree(out.toFile());
    assertThat(json.at("/inputs/input_ids/data").toString())
        .isEqualTo("[2,10,12,14,3,2,11,13,3,0]");
    assertThat(json.at("/inputs/attention_mask/data").toString())
        .isEqualTo("[1,1,1,1,1,1,1,1,1,0]");
    assertThat(json.at("/inputs/token_type_ids/shape").toString()).isEqualTo("[2,5]");
    assertThat(json.at("/outputs/last_hidden_state/shape").toString()).isEqualTo("[2,5,32]");

    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      EncoderBlock block = EncoderBlocks.of(HfCheckpoint.read(checkpoint), manager);
      NDList inputs =
          new NDList(
              manager.create(new long[] {2, 10, 12, 14, 3, 2, 11, 13, 3, 0}, new Shape(2, 5)),
              manager.create(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 0}, new Shape(2, 5)),
              manager.zeros(new Shape(2, 5), DataType.INT64));
      NDArray expected = block.forward(new ParameterStore(manager, false), inputs, false).get(0);
      JsonNode data = json.at("/outputs/last_hidden_state/data");
      assertThat(data.size()).isEqualTo(2 * 5 * 32);
      float[] want = expected.toFloatArray();
      for (int i = 0; i < want.length; i++) {
        assertThat(data.get(i).floatValue()).as("element %d", i).isEqualTo(want[i]);
      }
    }
  }

  @Test
  void pairsFromJsonlGetSegmentIds() throws IOException {
    Path checkpoint = tinyCheckpoint(EncoderFamily.BERT);
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "{\"text\": \"the cat\", \"text_b\": \"sat\"}\n\n");
    Path out = dir.resolve("out.json");

    CliRun run =
        forward(
            checkpoint.toString(),
            "--input",
            input.toString(),
            "--pair",
            "--output",
            out.toString(),
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out()).get("last_hidden_state").toString()).isEqualTo("[1,6,32]");
    JsonNode json = JSON.readTree(out.toFile());
    assertThat(json.at("/inputs/token_type_ids/data").toString()).isEqualTo("[0,0,0,0,1,1]");
  }

  @Test
  void xlnetBatchesArePaddedOnTheLeft() throws IOException {
    Path checkpoint = tinyCheckpoint(EncoderFamily.XLNET);
    Path out = dir.resolve("out.json");

    CliRun run =
        forward(checkpoint.toString(), "--text", "the cat sat", "a", "--output", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(out.toFile());
    // padding takes the tokenizer's own pad id, as training and serving do
    long pad =
        TokenizerFacts.parse(Files.readString(checkpoint.resolve("tokenizer.json")), "tiny", true)
            .padId();
    assertThat(json.at("/inputs/input_ids/data").toString())
        .isEqualTo("[2,10,12,14,3," + pad + "," + pad + ",2,11,3]");
    assertThat(json.at("/inputs/attention_mask/data").toString())
        .isEqualTo("[1,1,1,1,1,0,0,1,1,1]");
  }

  @Test
  void aPretrainedNameIsASource() throws IOException {
    Path out = dir.resolve("out.json");

    CliRun run =
        forward("all-minilm-l6-v2", "--text", "Hello world.", "--output", out.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = JSON.readTree(run.out());
    assertThat(summary.get("family").asText()).isEqualTo("bert");
    assertThat(summary.get("last_hidden_state").toString()).isEqualTo("[1,5,384]");
    assertThat(JSON.readTree(out.toFile()).at("/inputs/input_ids/data").toString())
        .isEqualTo("[101,7592,2088,1012,102]");
  }

  @Test
  void aMalformedLineIsBadInputNamingTheLine() throws IOException {
    Path checkpoint = tinyCheckpoint(EncoderFamily.BERT);
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "{\"text\": \"the cat\"}\n{\"txt\": \"sat\"}\n");

    CliRun run =
        forward(
            checkpoint.toString(),
            "--input",
            input.toString(),
            "--output",
            dir.resolve("o.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(input + ":2: expected a string \"text\"");
  }

  @Test
  void aSourceThatIsNoCheckpointIsBadInput() {
    CliRun run =
        forward(
            dir.resolve("nothing").toString(),
            "--text",
            "x",
            "--output",
            dir.resolve("o.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nothing").contains("checkpoint");
  }

  private Path tinyCheckpoint(EncoderFamily family) throws IOException {
    EncoderConfig config = Presets.tiny(family).config();
    String tokenizer;
    try (InputStream in =
        getClass().getResourceAsStream("/org/mtl4j/train/encoder/tiny-tokenizer.json")) {
      tokenizer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path folder = dir.resolve("tiny-" + family.modelType());
    HfCheckpoint.write(
        new EncoderCheckpoint(config, RandomWeights.of(config, true, 21), tokenizer, "tiny"),
        folder);
    return folder;
  }

  /** {@code mtl forward ARGS}. */
  private static CliRun forward(String... args) {
    return CliRun.of(Stream.concat(Stream.of("forward"), Stream.of(args)).toArray(String[]::new));
  }
}
