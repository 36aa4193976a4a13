package org.mtl4j.zoo.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.io.Sha256;
import org.mtl4j.zoo.weights.RandomWeights;

/** Model files written after sealing: checksums recorded, checked on load, current or pending. */
class ModelFilesTest {

  @TempDir Path dir;

  @BeforeEach
  void writePackage() {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    EncoderCheckpoint c =
        new EncoderCheckpoint(
            config, RandomWeights.of(config, true, 3), ModelPackageTest.TOKENIZER, "test");
    PackageWriter.writeEncoder(c, dir, Map.of("source", "tiny"));
  }

  private static ModelFiles.Writer bytes(String text) {
    return file -> Files.writeString(file, text);
  }

  private Manifest manifest() throws Exception {
    return ManifestJson.fromJson(Files.readString(dir.resolve(Manifest.FILE_NAME)), "test");
  }

  private void writeManifest(Manifest m) throws Exception {
    Files.writeString(dir.resolve(Manifest.FILE_NAME), ManifestJson.toJson(m));
  }

  private static String sha(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aWrittenModelFileIsRecordedAndVerified() throws Exception {
    ModelFiles.write(dir, "model.onnx", bytes("graph one"));
    Manifest m = manifest();
    assertThat(m.formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
    assertThat(m.modelFiles()).containsOnlyKeys("model.onnx");
    assertThat(m.modelFiles().get("model.onnx"))
        .isEqualTo(new ModelFileChecksum(sha("graph one"), null, null));
    assertThat(ModelPackage.open(dir).modelFile("model.onnx")).isEqualTo(dir.resolve("model.onnx"));
    assertThat(hiddenEntries()).as("no staging or temporary file is left").isEmpty();
  }

  @Test
  void aFlippedByteIsRefusedNamingTheFileUnlessVerificationIsOff() throws Exception {
    ModelFiles.write(dir, "model.onnx", bytes("graph one"));
    Files.writeString(dir.resolve("model.onnx"), "graph onE");
    assertThatThrownBy(() -> ModelPackage.open(dir).modelFile("model.onnx"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(dir.resolve("model.onnx") + ": sha256 " + sha("graph onE"))
        .hasMessageContaining("--no-verify");
    assertThat(ModelPackage.openWithoutVerifying(dir).modelFile("model.onnx")).exists();
  }

  @Test
  void whileANewVersionIsPendingBothVersionsLoad() throws Exception {
    ModelFiles.write(dir, "model.onnx", bytes("old"));
    Manifest m = manifest();
    writeManifest(
        m.withModelFiles(
            Map.of("model.onnx", new ModelFileChecksum(sha("old"), sha("new"), null))));
    assertThat(ModelPackage.open(dir).modelFile("model.onnx")).exists();
    Files.writeString(dir.resolve("model.onnx"), "new");
    assertThat(ModelPackage.open(dir).modelFile("model.onnx")).exists();
    Files.writeString(dir.resolve("model.onnx"), "third");
    assertThatThrownBy(() -> ModelPackage.open(dir).modelFile("model.onnx"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("model.onnx: sha256");
  }

  @Test
  void rewritingAfterAnInterruptedInstallKeepsTheFileInPlaceAccepted() throws Exception {
    ModelFiles.write(dir, "model.onnx", bytes("old"));
    // an install was killed after the rename, before the pending checksum became current
    writeManifest(
        manifest()
            .withModelFiles(
                Map.of("model.onnx", new ModelFileChecksum(sha("old"), sha("new"), null))));
    Files.writeString(dir.resolve("model.onnx"), "new");
    ModelFiles.write(dir, "model.onnx", bytes("newer"));
    assertThat(manifest().modelFiles().get("model.onnx"))
        .isEqualTo(new ModelFileChecksum(sha("newer"), null, null));
    assertThat(ModelPackage.open(dir).modelFile("model.onnx")).exists();
  }

  @Test
  void externalDataOfAnotherWriteThanItsModelIsRefused() throws Exception {
    ModelFiles.write(
        dir,
        "model.onnx",
        file -> {
          Files.writeString(file, "model A");
          Files.writeString(file.resolveSibling("model.onnx.data"), "data A");
        });
    assertThat(manifest().modelFiles().get("model.onnx.data"))
        .isEqualTo(new ModelFileChecksum(sha("data A"), null, "model.onnx"));
    assertThat(ModelPackage.open(dir).modelFile("model.onnx")).exists();
    writeManifest(
        manifest()
            .withModelFiles(
                Map.of(
                    "model.onnx", new ModelFileChecksum(sha("model A"), sha("model B"), null),
                    "model.onnx.data",
                        new ModelFileChecksum(sha("data A"), sha("data B"), "model.onnx"))));
    Files.writeString(dir.resolve("model.onnx.data"), "data B");
    assertThatThrownBy(() -> ModelPackage.open(dir).modelFile("model.onnx"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("are of two different writes");
    Files.writeString(dir.resolve("model.onnx.data"), "data C");
    assertThatThrownBy(() -> ModelPackage.open(dir).modelFile("model.onnx"))
        .hasMessageContaining(dir.resolve("model.onnx.data") + ": sha256");
  }

  @Test
  void externalDataNoLongerWrittenIsRemovedWithItsRecord() throws Exception {
    ModelFiles.write(
        dir,
        "model.onnx",
        file -> {
          Files.writeString(file, "model A");
          Files.writeString(file.resolveSibling("model.onnx.data"), "data A");
        });
    ModelFiles.write(dir, "model.onnx", bytes("inline model"));
    assertThat(manifest().modelFiles()).containsOnlyKeys("model.onnx");
    assertThat(dir.resolve("model.onnx.data")).doesNotExist();
  }

  @Test
  void anUnrecordedModelFileIsRefusedInFormatTwoAndAcceptedInFormatOne() throws Exception {
    Files.writeString(dir.resolve("model.onnx"), "copied in by hand");
    assertThatThrownBy(() -> ModelPackage.open(dir).modelFile("model.onnx"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(
            dir.resolve("model.onnx") + " has no checksum in " + dir.resolve("mtl.json"));
    Manifest m = manifest();
    writeManifest(
        new Manifest(1, m.encoder(), m.tokenizer(), m.tasks(), m.provenance(), m.files()));
    assertThat(ModelPackage.open(dir).modelFile("model.onnx")).exists();
  }

  @Test
  void aFormatOnePackageSealedWithItsModelMovesTheChecksumToModelFiles() throws Exception {
    Files.writeString(dir.resolve("model.onnx"), "old graph");
    Manifest m = manifest();
    ModelPackage.seal(
        dir, new Manifest(1, m.encoder(), m.tokenizer(), m.tasks(), m.provenance(), Map.of()));
    assertThat(manifest().files()).containsKey("model.onnx");
    ModelFiles.write(dir, "model.onnx", bytes("new graph"));
    Manifest after = manifest();
    assertThat(after.formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
    assertThat(after.files()).doesNotContainKey("model.onnx").containsKey("weights.safetensors");
    assertThat(after.modelFiles().get("model.onnx").sha256()).isEqualTo(sha("new graph"));
    assertThat(ModelPackage.open(dir).modelFile("model.onnx")).exists();
  }

  @Test
  void outsideAPackageTheFileIsOnlyMovedIntoPlace(@TempDir Path plain) throws Exception {
    ModelFiles.write(plain, "x.onnx", bytes("graph"));
    assertThat(Files.readString(plain.resolve("x.onnx"))).isEqualTo("graph");
    assertThat(plain.resolve(Manifest.FILE_NAME)).doesNotExist();
  }

  @Test
  void sealingSkipsStagingFoldersAndStaleOnesAreRemovedByTheNextWrite() throws Exception {
    Path stale = Files.createDirectories(dir.resolve(".mtl-staging-model.onnx-123"));
    Files.writeString(stale.resolve("model.onnx"), "half written");
    Manifest m = manifest();
    ModelPackage.seal(dir, m.withFiles(Map.of()));
    assertThat(manifest().files()).containsOnlyKeys("tokenizer.json", "weights.safetensors");
    ModelFiles.write(dir, "model.onnx", bytes("graph"));
    assertThat(stale).doesNotExist();
    assertThat(Sha256.of(dir.resolve("model.onnx"))).isEqualTo(sha("graph"));
  }

  @Test
  void aFailingWriterLeavesThePackageAsItWas() throws Exception {
    ModelFiles.write(dir, "model.onnx", bytes("good"));
    String before = Files.readString(dir.resolve(Manifest.FILE_NAME));
    assertThatThrownBy(
            () ->
                ModelFiles.write(
                    dir,
                    "model.onnx",
                    file -> {
                      Files.writeString(file, "partial");
                      throw new java.io.IOException("disk full");
                    }))
        .hasMessageContaining("disk full");
    assertThat(Files.readString(dir.resolve(Manifest.FILE_NAME))).isEqualTo(before);
    assertThat(Files.readString(dir.resolve("model.onnx"))).isEqualTo("good");
    assertThat(hiddenEntries()).isEmpty();
  }

  private java.util.List<Path> hiddenEntries() throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith(".")).toList();
    }
  }
}
