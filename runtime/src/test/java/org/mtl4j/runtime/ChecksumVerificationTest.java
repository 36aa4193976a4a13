package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/** A package's model.onnx is checked against mtl.json before it is served. */
class ChecksumVerificationTest {

  @TempDir Path dir;
  Path pkg;
  Path onnx;

  @BeforeEach
  void writePackage() {
    pkg =
        new TinyModel(5, FixtureTasks.SINGLE, MiniLmModel.VOCAB, true)
            .writePackage(dir.resolve("pkg"), 32);
    onnx = pkg.resolve("model.onnx");
  }

  private void flipLastByte() throws Exception {
    byte[] bytes = Files.readAllBytes(onnx);
    bytes[bytes.length - 1] ^= 0x10;
    Files.write(onnx, bytes);
  }

  @Test
  void anIntactPackageLoads() {
    try (MtlModel model = MtlModel.load(pkg, ParityTest.threads(1))) {
      assertThat(model.predict("play jazz").results()).containsKeys("intent", "slots");
    }
  }

  @Test
  void aFlippedByteInModelOnnxIsRefusedNamingTheFile() throws Exception {
    flipLastByte();
    assertThatThrownBy(() -> MtlModel.load(pkg, ParityTest.threads(1)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(onnx + ": sha256 ")
        .hasMessageContaining("--no-verify");
    assertThatThrownBy(() -> MtlModel.load(onnx, ParityTest.threads(1)))
        .as("the file loaded alone is checked against the package it lies in")
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(onnx + ": sha256 ");
  }

  @Test
  void verificationCanBeSwitchedOff() throws Exception {
    flipLastByte();
    RuntimeOptions unchecked =
        RuntimeOptions.builder().optIntraOpThreads(1).optVerifyChecksums(false).build();
    // the flipped byte lies in the tokenizer metadata's tail or a weight: the file still parses
    try (MtlModel model = MtlModel.load(pkg, unchecked)) {
      assertThat(model.manifest().tasks()).hasSize(3);
    }
  }
}
