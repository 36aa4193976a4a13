package org.mtl4j.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.export.ExportRequest;
import org.mtl4j.export.GraphExporter;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.runtime.BatchPacker;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.runtime.TokenizedRequest;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.EncoderInfo;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ManifestJson;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;
import org.mtl4j.zoo.pkg.TokenizerFacts;
import org.mtl4j.zoo.pkg.TokenizerInfo;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * The tensors training builds (ExampleTokenizer, BatchCollator) equal the tensors serving builds
 * (MtlModel.tokenize, MtlModel.pack) for every family: ids, attention mask, token types, padding
 * side and pad values, for single texts, pairs and tagged word lists.
 */
class InputPipelineParityTest {

  private static final int MAX_LENGTH = 16;

  private static final List<TaskSpec> TASKS =
      List.of(
          new TaskSpec(
              "intent",
              TaskType.SINGLE_SENTENCE_CLASSIFICATION,
              List.of("a", "b"),
              "CrossEntropyLoss",
              1,
              List.of(),
              0),
          new TaskSpec(
              "entail",
              TaskType.SENTENCE_PAIR_CLASSIFICATION,
              List.of("yes", "no"),
              "CrossEntropyLoss",
              1,
              List.of(),
              0),
          new TaskSpec("slots", TaskType.NER, List.of("O", "B-x"), "NERLoss", 1, List.of(), 0));

  @TempDir Path dir;

  /**
   * The tokenizer each family is tried with: real WordPiece for BERT-style, the test BPE and XLNet
   * ones.
   */
  private Path tokenizer(EncoderFamily family) {
    return switch (family) {
      case ROBERTA -> Tokenizers.robertaStyle(dir);
      case XLNET -> Tokenizers.xlnetStyle(dir);
      default -> Tokenizers.minilm(dir);
    };
  }

  /** Texts the family's tokenizer splits in interesting ways. */
  private static List<String> texts(EncoderFamily family) {
    return switch (family) {
      case ROBERTA -> List.of("play jazz", "playjazz jazz", "jazz", "");
      case XLNET -> List.of("play some jazz", "jazz", "play music now", "");
      default ->
          List.of("play some unbelievably smooth jazz", "don't stop the U.S. anthem", "hi", "");
    };
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void trainingAndServingBuildTheSameTensors(EncoderFamily family) throws Exception {
    Path tokenizerFile = tokenizer(family);
    String tokenizerJson = Files.readString(tokenizerFile);
    TokenizerFacts facts = TokenizerFacts.parse(tokenizerJson, "test", family.padLeft());
    Path onnx = model(family, tokenizerJson, facts);
    List<String> texts = texts(family);
    String longText = String.join(" ", Collections.nCopies(3 * MAX_LENGTH, texts.get(0)));

    try (ExampleTokenizer training =
            ExampleTokenizer.open(tokenizerFile, MAX_LENGTH, family.padLeft());
        MtlModel serving = MtlModel.load(onnx)) {
      BatchPacker packer = training.packer();
      assertThat(packer).isEqualTo(BatchPacker.of(facts));

      // single texts, the empty one and one longer than the maximum length included
      List<String> singles = new ArrayList<>(texts);
      singles.add(longText);
      List<TokenizedExample> trained = new ArrayList<>();
      List<TokenizedRequest> served = new ArrayList<>();
      for (String text : singles) {
        trained.add(training.encode(new SentenceExample("s", 1, text, 0)));
        served.add(serving.tokenize(ModelInput.of(text), List.of("intent")));
      }
      assertSame(
          BatchCollator.pack(packer, trained, 0), serving.pack(served), family + " single texts");

      // pairs, truncated longest-first on both sides
      trained.clear();
      served.clear();
      for (int i = 0; i < texts.size(); i++) {
        String a = texts.get(i);
        String b = i == 0 ? longText : texts.get((i + 1) % texts.size());
        trained.add(training.encode(new PairExample("p", 1, a, b, 0)));
        served.add(serving.tokenize(ModelInput.pair(a, b), List.of("entail")));
      }
      assertSame(BatchCollator.pack(packer, trained, 0), serving.pack(served), family + " pairs");

      // tagged word lists: training joins the words with spaces, as a service receives them
      trained.clear();
      served.clear();
      for (String text : texts.subList(0, texts.size() - 1)) {
        List<String> words = Arrays.asList(text.split(" "));
        TokenizedExample example =
            training.encode(new TaggedExample("t", 1, words, words.stream().map(w -> 0).toList()));
        trained.add(example);
        served.add(serving.tokenize(ModelInput.of(String.join(" ", words)), List.of("slots")));
        assertThat(IntStream.of(example.wordStarts()).filter(s -> s >= 0).count())
            .as("every word of %s has a first token", words)
            .isEqualTo(words.size());
      }
      assertSame(
          BatchCollator.pack(packer, trained, 0), serving.pack(served), family + " tagged words");

      // a tagged text longer than the maximum length: training's truncated row is serving's first
      // window
      List<String> longWords = Arrays.asList(longText.split(" "));
      TokenizedExample longTagged =
          training.encode(
              new TaggedExample("t", 1, longWords, longWords.stream().map(w -> 0).toList()));
      assertThat(longTagged.truncated()).isTrue();
      PackedBatch windows =
          serving.pack(List.of(serving.tokenize(ModelInput.of(longText), List.of("slots"))));
      assertThat(windows.rows()).as("windows").isGreaterThan(1);
      PackedBatch first = BatchCollator.pack(packer, List.of(longTagged), 0);
      assertThat(Arrays.copyOf(windows.inputIds(), windows.length())).isEqualTo(first.inputIds());
      assertThat(Arrays.copyOf(windows.tokenTypeIds(), windows.length()))
          .isEqualTo(first.tokenTypeIds());
    }
  }

  private static void assertSame(PackedBatch training, PackedBatch serving, String what) {
    assertThat(serving.rows()).as(what + " rows").isEqualTo(training.rows());
    assertThat(serving.length()).as(what + " length").isEqualTo(training.length());
    assertThat(serving.inputIds()).as(what + " input_ids").isEqualTo(training.inputIds());
    assertThat(serving.attentionMask())
        .as(what + " attention_mask")
        .isEqualTo(training.attentionMask());
    assertThat(serving.tokenTypeIds())
        .as(what + " token_type_ids")
        .isEqualTo(training.tokenTypeIds());
    assertThat(serving.offsets()).as(what + " padding side").isEqualTo(training.offsets());
  }

  /**
   * A tiny graph of the family whose vocabulary fits the tokenizer, carrying manifest and
   * tokenizer.
   */
  private Path model(EncoderFamily family, String tokenizerJson, TokenizerFacts facts)
      throws Exception {
    ObjectNode json = HfConfigJson.toJson(Presets.tiny(family).config());
    json.put("vocab_size", Math.max(json.path("vocab_size").asLong(), facts.idCount()));
    EncoderConfig config = HfConfigJson.fromJson(json, "test");
    Map<String, FloatTensor> weights = new LinkedHashMap<>(RandomWeights.of(config, true, 1));
    Random random = new Random(2);
    for (TaskSpec t : TASKS) {
      weights.put(
          "heads." + t.name() + ".weight",
          gaussian(random, t.labels().size(), config.hiddenSize()));
      weights.put("heads." + t.name() + ".bias", gaussian(random, t.labels().size()));
    }
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            new EncoderInfo(family.modelType(), HfConfigJson.toJson(config)),
            TokenizerInfo.of("tokenizer.json", MAX_LENGTH, facts),
            TASKS,
            Map.of(),
            Map.of());
    Map<String, String> metadata =
        Map.of(
            Manifest.METADATA_KEY,
            ManifestJson.toJson(manifest),
            Manifest.TOKENIZER_METADATA_KEY,
            tokenizerJson);
    Path file = dir.resolve(family.modelType() + ".onnx");
    Files.write(
        file,
        OnnxWriter.toBytes(
            GraphExporter.build(new ExportRequest(config, weights, TASKS, metadata))));
    return file;
  }

  private static FloatTensor gaussian(Random random, long... shape) {
    float[] data = new float[(int) FloatTensor.size(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * 0.1);
    }
    return new FloatTensor(shape, data);
  }
}
