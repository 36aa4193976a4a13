package org.mtl4j.zoo.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.io.Sha256;
import org.mtl4j.zoo.weights.RandomWeights;

class ModelPackageTest {

  static final String TOKENIZER =
      "{\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":true},"
          + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"[PAD]\":0}}}";

  @TempDir Path dir;

  private ModelPackage writeTiny(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    EncoderCheckpoint c =
        new EncoderCheckpoint(config, RandomWeights.of(config, true, 11), TOKENIZER, "test");
    return PackageWriter.writeEncoder(c, dir, Map.of("source", "tiny"));
  }

  @Test
  void encoderPackageRoundTrips() throws Exception {
    ModelPackage pkg = writeTiny(EncoderFamily.XLNET);
    EncoderConfig config = Presets.tiny(EncoderFamily.XLNET).config();
    ModelPackage back = ModelPackage.open(dir);
    assertThat(back.encoderConfig()).isEqualTo(config);
    assertThat(back.readWeights()).isEqualTo(RandomWeights.of(config, true, 11));
    assertThat(back.manifest()).isEqualTo(pkg.manifest());
    assertThat(back.manifest().encoder().family()).isEqualTo("xlnet");
    assertThat(back.manifest().tokenizer())
        .isEqualTo(new TokenizerInfo("tokenizer.json", 512, true, true, 1L, 0L, 0L, List.of()));
    assertThat(back.manifest().formatVersion()).isEqualTo(2);
    assertThat(back.manifest().files())
        .containsOnlyKeys("tokenizer.json", "weights.safetensors")
        .containsEntry("weights.safetensors", Sha256.of(dir.resolve("weights.safetensors")));
    assertThat(Files.readString(back.tokenizerFile())).isEqualTo(TOKENIZER);
    assertThat(Sha256.of(dir.resolve("tokenizer.json"))).hasSize(64);
  }

  @Test
  void aPackageWithReferenceSealsAndReadsItBack() {
    ModelPackage encoderOnly = writeTiny(EncoderFamily.BERT);
    Path withReference = dir.resolve("with-reference");
    ReferenceSet reference = ReferenceSetTest.sample();
    ModelPackage pkg =
        PackageWriter.write(
            withReference,
            encoderOnly.manifest(),
            encoderOnly.readWeights(),
            encoderOnly.tokenizerJson(),
            reference);
    assertThat(pkg.manifest().files())
        .containsKeys(
            "reference/" + ReferenceSet.INDEX_FILE, "reference/" + ReferenceSet.OUTPUTS_FILE);
    assertThat(pkg.reference()).isEqualTo(reference);
    assertThat(pkg.tokenizerJson()).isEqualTo(TOKENIZER);
    assertThatThrownBy(encoderOnly::reference)
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(dir.resolve("reference") + " is not a reference folder");
  }

  @Test
  void aChangedFileFailsVerification() throws Exception {
    writeTiny(EncoderFamily.BERT);
    Path weights = dir.resolve("weights.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length - 1] ^= 1;
    Files.write(weights, bytes);
    assertThatThrownBy(() -> ModelPackage.open(dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(weights + ": sha256 ")
        .hasMessageContaining("the file changed after the package was written");
    Files.delete(weights);
    assertThatThrownBy(() -> ModelPackage.open(dir))
        .hasMessageContaining(
            weights + " is listed in " + dir.resolve("mtl.json") + " but does not exist");
  }

  @Test
  void laterFilesAreSealedToo() throws Exception {
    ModelPackage pkg = writeTiny(EncoderFamily.ALBERT);
    Files.createDirectories(dir.resolve("reference"));
    Files.writeString(dir.resolve("reference/inputs.json"), "{}");
    Manifest sealed = ModelPackage.seal(dir, pkg.manifest());
    assertThat(sealed.files()).containsKey("reference/inputs.json");
    assertThat(ModelPackage.open(dir).manifest()).isEqualTo(sealed);
  }

  @Test
  void notAPackageOrEscapingNamesAreReported() throws Exception {
    assertThatThrownBy(() -> ModelPackage.open(dir))
        .hasMessage(dir + " is not a model package: it has no mtl.json");
    ModelPackage pkg = writeTiny(EncoderFamily.DISTILBERT);
    Manifest bad = pkg.manifest().withFiles(Map.of("../outside", "00"));
    Files.writeString(dir.resolve("mtl.json"), ManifestJson.toJson(bad));
    assertThatThrownBy(() -> ModelPackage.open(dir))
        .hasMessageContaining("'../outside' points outside the package");
  }

  @Test
  void aFormatOneManifestStillLoadsAndItsTokenizerFactsComeFromTheFile() {
    String json =
        """
        {"formatVersion": 1,
         "encoder": {"family": "xlnet", "config": {}},
         "tokenizer": {"file": "tokenizer.json", "maxLength": 64, "lowercase": false, "padLeft": true},
         "tasks": [], "provenance": {}, "files": {}}""";
    Manifest manifest = ManifestJson.fromJson(json, "old mtl.json");
    assertThat(manifest.formatVersion()).isEqualTo(1);
    assertThat(manifest.tokenizer().hasFacts()).isFalse();
    String xlnet =
        "{\"padding\":{\"direction\":\"Left\",\"pad_id\":5,\"pad_type_id\":3},"
            + "\"added_tokens\":[{\"id\":5,\"content\":\"<pad>\",\"special\":true}],"
            + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0,\"a\":1}}}";
    TokenizerFacts facts = manifest.tokenizer().facts(() -> xlnet, "tokenizer.json");
    assertThat(facts).isEqualTo(new TokenizerFacts(6, 5, 3, true, false, true, List.of("<pad>")));
    TokenizerInfo current = TokenizerInfo.of("tokenizer.json", 64, facts);
    assertThat(
            current.facts(
                () -> {
                  throw new AssertionError("a format-2 record needs no file");
                },
                "x"))
        .isEqualTo(facts);
    assertThat(
            ManifestJson.fromJson(
                    ManifestJson.toJson(
                        new Manifest(
                            Manifest.FORMAT_VERSION,
                            manifest.encoder(),
                            current,
                            List.of(),
                            Map.of(),
                            Map.of())),
                    "new")
                .tokenizer())
        .isEqualTo(current);
  }
}
