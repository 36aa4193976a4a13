package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.export.TinyPackages;
import org.mtl4j.train.reference.ProbeBatches;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;

/**
 * {@code mtl optimize}: every family's tiny package through the fused level and the FUSED tier
 * against the package's reference outputs; the foreign all-MiniLM-L6-v2 file; bad input.
 */
class OptimizeCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path exportedPackage(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    Path pkg =
        TinyPackages.random(
                dir.resolve(family.modelType()),
                config,
                TinyPackages.THREE_TASKS,
                ProbeBatches.standard(config, 16, 3),
                16)
            .dir();
    CliRun export = CliRun.of("export", pkg.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    return pkg;
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void everyFamilysFusedGraphPassesTheFusedTier(EncoderFamily family) throws IOException {
    Path pkg = exportedPackage(family);

    CliRun run = CliRun.of("optimize", pkg.toString(), "--level", "fused", "--json");

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.at("/parity/tier").asText()).isEqualTo("fused");
    assertThat(result.at("/passes/fuse/fuse-skip-layer-norm").asInt()).isPositive();
    assertThat(result.at("/passes/fuse/fuse-gelu").asInt()).isPositive();
    int attention = result.at("/passes/fuse/fuse-attention").asInt();
    if (family == EncoderFamily.XLNET) {
      assertThat(attention).isZero(); // relative attention stays unfused
    } else {
      assertThat(attention).isEqualTo(Presets.tiny(family).config().numLayers());
    }
    Path fused = pkg.resolve("model.fused.onnx");
    assertThat(fused).exists();
    CliRun inspect = CliRun.of("inspect", fused.toString(), "--json");
    assertThat(JSON.readTree(inspect.out()).at("/metadata/mtl4j.optimize.level").asText())
        .isEqualTo("fused");
  }

  @Test
  void cleanLevelPassesAndAFusedFileOptimizesAgainAsANoOp() throws IOException {
    Path pkg = exportedPackage(EncoderFamily.BERT);
    CliRun clean = CliRun.of("optimize", pkg.toString(), "--level", "clean");
    assertThat(clean.exitCode()).as(clean.err()).isZero();
    assertThat(clean.out()).contains("fold-constants", "parity gate: PASS");
    assertThat(pkg.resolve("model.clean.onnx")).exists();

    CliRun fused = CliRun.of("optimize", pkg.toString(), "--level", "fused");
    assertThat(fused.exitCode()).as(fused.err()).isZero();
    CliRun again =
        CliRun.of(
            "optimize",
            pkg.resolve("model.fused.onnx").toString(),
            "--level",
            "fused",
            "--out",
            dir.resolve("twice.onnx").toString(),
            "--json");
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode twice = JSON.readTree(again.out());
    assertThat(twice.at("/passes/fuse/fuse-attention").asInt()).isZero();
    assertThat(twice.at("/passes/fuse/fuse-skip-layer-norm").asInt()).isZero();
  }

  @Test
  void exportWithOptimizeWritesBothGraphsAndAnUnknownLevelWritesNeither() throws IOException {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    Path pkg =
        TinyPackages.random(
                dir.resolve("pkg"),
                config,
                TinyPackages.THREE_TASKS,
                ProbeBatches.standard(config, 16, 3),
                16)
            .dir();

    CliRun unknown = CliRun.of("export", pkg.toString(), "--optimize", "turbo");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(pkg.resolve("model.onnx")).doesNotExist();

    CliRun run = CliRun.of("export", pkg.toString(), "--optimize", "fused", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.at("/optimized/parity/passed").asBoolean()).isTrue();
    assertThat(result.at("/optimized/passes/fuse/fuse-attention").asInt())
        .isEqualTo(config.numLayers());
    assertThat(pkg.resolve("model.fused.onnx")).exists();
  }

  @Test
  void int8OfAPackageWithTooFewDevRowsCannotBeDecided() {
    Path pkg = exportedPackage(EncoderFamily.BERT);
    CliRun run = CliRun.of("optimize", pkg.toString(), "--level", "int8");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("500 dev rows", "task 'intent'");
    assertThat(pkg.resolve("model.int8.onnx")).doesNotExist();
  }

  @Test
  void theForeignMiniLmFileFusesEveryLayer() throws IOException {
    Path model = CliRun.miniLm(dir);

    CliRun run = CliRun.of("optimize", model.toString(), "--level", "fused", "--json");

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.at("/passes/fuse/fuse-attention").asInt()).isEqualTo(6);
    assertThat(result.at("/passes/fuse/fuse-skip-layer-norm").asInt()).isEqualTo(12);
    assertThat(result.at("/passes/fuse/fuse-gelu").asInt()).isEqualTo(6);
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.get("gateAgainst").asText()).isEqualTo("the unoptimized graph");
    assertThat(dir.resolve("all-minilm-l6-v2.fused.onnx")).exists();
  }

  @Test
  void badInputExitsTwoAndWritesNothing() throws IOException {
    Path model = CliRun.miniLm(dir);
    byte[] original = Files.readAllBytes(model);

    CliRun level = CliRun.of("optimize", model.toString(), "--level", "turbo");
    assertThat(level.exitCode()).isEqualTo(2);
    assertThat(level.err()).contains("unknown optimization level 'turbo'", "clean, fused, int8");

    CliRun overwrite =
        CliRun.of("optimize", model.toString(), "--level", "clean", "--out", model.toString());
    assertThat(overwrite.exitCode()).isEqualTo(2);
    assertThat(overwrite.err()).contains("would overwrite the input model");
    assertThat(Files.readAllBytes(model)).isEqualTo(original);

    Path truncated = dir.resolve("truncated.onnx");
    Files.write(truncated, Arrays.copyOf(original, 1000));
    CliRun bad = CliRun.of("optimize", truncated.toString(), "--level", "fused");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("truncated.onnx", "is not a readable ONNX model");

    Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model");
    assertThat(CliRun.of("optimize", text.toString(), "--level", "fused").exitCode()).isEqualTo(2);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".fused.") || n.contains(".clean.") || n.startsWith(".mtl-"));
    }
  }
}
