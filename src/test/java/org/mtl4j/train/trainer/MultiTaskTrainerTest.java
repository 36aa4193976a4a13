package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.cli.CliRun;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Every family's tiny preset trained on all four task types through {@code mtl train}: the loss
 * falls, the package is complete and reloads, its reference outputs are what the reloaded model
 * computes, and {@code mtl eval} reproduces the metrics the trainer reported.
 */
class MultiTaskTrainerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Map<String, Double>>> METRICS =
      new TypeReference<>() {};

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void trainsEveryTaskTypeAndEvalReproducesTheReport(EncoderFamily family) throws IOException {
    Path tasks = TinyTasks.write(dir.resolve("data"), 48, 16, 7);
    Path pkg = dir.resolve("pkg");

    JsonNode report =
        JSON.readTree(
            run(TinyTasks.trainArgs(tasks, pkg, "tiny-" + family.modelType(), 4, "--json")));

    assertThat(report.get("finished").asBoolean()).isTrue();
    assertLossFalls(pkg.resolve("training/log.jsonl"), List.of("intent", "ner", "pair", "tags"));
    assertThat(pkg.resolve("training/log.jsonl")).content().contains("\"task\":\"intent+ner\"");

    ModelPackage opened = ModelPackage.open(pkg);
    assertThat(opened.manifest().files())
        .containsKeys(
            "tokenizer.json",
            "weights.safetensors",
            "reference/reference.json",
            "reference/outputs.safetensors");
    assertThat(opened.manifest().tasks())
        .extracting(t -> t.name())
        .containsExactly("intent", "ner", "pair", "tags");
    Map<String, FloatTensor> weights = opened.readWeights();
    assertThat(weights.get("heads.ner.weight").shape())
        .containsExactly(4, opened.encoderConfig().hiddenSize());
    assertThat(weights).containsKeys("heads.intent.bias", "heads.pair.weight", "heads.tags.weight");
    assertThat(weights.keySet())
        .noneMatch(name -> name.startsWith("param/") || name.startsWith("adam_"));
    assertThat(pkg.resolve("training/state.safetensors")).doesNotExist();

    assertReferenceReproduced(opened);

    Map<String, Map<String, Double>> test = JSON.convertValue(report.get("test"), METRICS);
    Map<String, Map<String, Double>> dev = JSON.convertValue(report.get("dev"), METRICS);
    assertThat(test).containsOnlyKeys("intent", "ner", "pair", "tags");
    assertThat(JSON.readValue(run("eval", pkg.toString(), "--split", "test", "--json"), METRICS))
        .isEqualTo(test);
    assertThat(JSON.readValue(run("eval", pkg.toString(), "--json"), METRICS)).isEqualTo(dev);

    Path forward = dir.resolve("forward.json");
    JsonNode summary =
        JSON.readTree(
            run(
                "forward",
                pkg.toString(),
                "--text",
                "play some jazz",
                "book a table",
                "--output",
                forward.toString(),
                "--json"));
    assertThat(summary.get("heads").toString())
        .isEqualTo("[\"intent.logits\",\"ner.logits\",\"pair.logits\",\"tags.logits\"]");
    JsonNode outputs = JSON.readTree(forward.toFile()).get("outputs");
    assertThat(outputs.get("intent.logits").get("shape").toString()).isEqualTo("[2,3]");
    assertThat(outputs.get("ner.logits").get("shape").get(2).asInt()).isEqualTo(4);
  }

  /** Each task's mean loss over its last batches is below its mean over its first batches. */
  private static void assertLossFalls(Path log, List<String> tasks) throws IOException {
    Map<String, List<Double>> losses = new LinkedHashMap<>();
    for (String line : Files.readAllLines(log)) {
      JSON.readTree(line)
          .get("losses")
          .fields()
          .forEachRemaining(
              e ->
                  losses
                      .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                      .add(e.getValue().asDouble()));
    }
    assertThat(losses).containsOnlyKeys(tasks);
    losses.forEach(
        (task, values) -> {
          int n = Math.max(2, values.size() / 4);
          double first =
              values.subList(0, n).stream()
                  .mapToDouble(Double::doubleValue)
                  .average()
                  .orElseThrow();
          double last =
              values.subList(values.size() - n, values.size()).stream()
                  .mapToDouble(Double::doubleValue)
                  .average()
                  .orElseThrow();
          assertThat(last)
              .as("mean loss of the last %d %s batches vs the first", n, task)
              .isLessThan(first);
        });
  }

  /** The reloaded package computes the logits its reference set records. */
  private static void assertReferenceReproduced(ModelPackage pkg) {
    ReferenceSet reference = ReferenceSet.read(pkg.file(ModelPackage.REFERENCE));
    assertThat(reference.batches())
        .extracting(ReferenceBatch::name)
        .contains(
            "dev-intent",
            "dev-ner",
            "dev-pair",
            "dev-tags",
            "batch-1",
            "batch-3",
            "batch-8",
            "length-1",
            "max-length",
            "padding-row");
    assertThat(reference.batch("max-length").inputIds()[0]).hasSize(24);
    assertThat(reference.batch("length-1").inputIds()[0]).hasSize(1);
    assertThat(reference.batch("padding-row").attentionMask()[1]).containsOnly(0L);
    try (MultiTaskModel model =
        MultiTaskModel.of(
            pkg.encoderConfig(), pkg.manifest().tasks(), pkg.readWeights(), pkg.dir().toString())) {
      for (ReferenceBatch batch : reference.batches()) {
        try (NDManager manager = model.manager().newSubManager()) {
          NDList inputs =
              new NDList(manager.create(batch.inputIds()), manager.create(batch.attentionMask()));
          if (batch.tokenTypeIds() != null) {
            inputs.add(manager.create(batch.tokenTypeIds()));
          }
          Map<String, NDArray> outputs = model.outputs(inputs);
          batch
              .outputs()
              .forEach(
                  (name, expected) -> {
                    float[] actual = outputs.get(name).toFloatArray();
                    assertThat(outputs.get(name).getShape().getShape())
                        .containsExactly(expected.shape());
                    for (int i = 0; i < actual.length; i++) {
                      assertThat(actual[i])
                          .as("%s %s[%d]", batch.name(), name, i)
                          .isCloseTo(
                              expected.data()[i], org.assertj.core.data.Offset.offset(1e-5f));
                    }
                  });
        }
      }
    }
  }

  private static String run(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as("mtl %s failed: %s", String.join(" ", args), run.err()).isZero();
    return run.out();
  }
}
