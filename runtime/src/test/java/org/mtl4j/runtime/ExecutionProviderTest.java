package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/**
 * CUDA and TensorRT configuration. On machines without the GPU build of ONNX Runtime the providers
 * cannot load, which exercises both fallback modes; GPU runs happen only with {@code
 * -Dmtl4j.gpu=true} (and {@code -Pgpu}).
 */
class ExecutionProviderTest {

  @TempDir Path dir;

  private Path tinyPackage() {
    return new TinyModel(1, FixtureTasks.SINGLE, MiniLmModel.VOCAB, true)
        .writePackage(dir.resolve("tiny"), 32);
  }

  private static RuntimeOptions on(ExecutionProvider provider, ProviderFallback fallback) {
    return RuntimeOptions.builder()
        .optIntraOpThreads(1)
        .optProvider(provider)
        .optFallback(fallback)
        .build();
  }

  @Test
  void unavailableProviderFailsWhenAskedTo() {
    Path pkg = tinyPackage();
    for (ExecutionProvider provider :
        new ExecutionProvider[] {
          ExecutionProvider.cuda(Map.of("device_id", "0")),
          ExecutionProvider.tensorRt(Map.of("trt_fp16_enable", "1"))
        }) {
      assertThatThrownBy(() -> MtlModel.load(pkg, on(provider, ProviderFallback.FAIL)))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining(provider.kind() + " execution provider is not available");
    }
  }

  @Test
  void unavailableProviderFallsBackToCpuWithOneWarning() {
    Path pkg = tinyPackage();
    RuntimeOptions cuda = on(ExecutionProvider.cuda(Map.of()), ProviderFallback.CPU_WITH_WARNING);
    try (MtlModel first = MtlModel.load(pkg, cuda);
        MtlModel second = MtlModel.load(pkg, cuda);
        MtlModel cpu = MtlModel.load(pkg, on(ExecutionProvider.CPU, ProviderFallback.FAIL))) {
      assertThat(first.provider()).isEqualTo(ExecutionProvider.Kind.CPU);
      assertThat(second.provider()).isEqualTo(ExecutionProvider.Kind.CPU);
      assertThat(SessionFactory.warnedFallbacks()).contains(ExecutionProvider.Kind.CUDA);
      assertThat(first.predict("hello Oslo")).isEqualTo(cpu.predict("hello Oslo"));
    }
  }

  @Test
  void singleOnnxFileOnAnUnavailableProviderReadsItsManifestFirst() {
    Path onnx = tinyPackage().resolve("model.onnx");
    RuntimeOptions trt =
        on(ExecutionProvider.tensorRt(Map.of()), ProviderFallback.CPU_WITH_WARNING);
    try (MtlModel model = MtlModel.load(onnx, trt)) {
      assertThat(model.provider()).isEqualTo(ExecutionProvider.Kind.CPU);
      assertThat(model.predict("hi").results()).containsKeys("intent", "topics", "slots");
    }
  }

  @Test
  void tensorRtShapeProfilesFollowTheManifestUnlessGiven() {
    Map<String, String> bert =
        SessionFactory.tensorRtOptions(
            ExecutionProvider.tensorRt(
                Map.of(
                    "device_id",
                    "1",
                    "trt_fp16_enable",
                    "1",
                    "trt_engine_cache_path",
                    "/var/cache/trt")),
            256,
            "bert");
    assertThat(bert)
        .containsEntry(
            "trt_profile_min_shapes", "input_ids:1x1,attention_mask:1x1,token_type_ids:1x1")
        .containsEntry(
            "trt_profile_max_shapes",
            "input_ids:64x256,attention_mask:64x256,token_type_ids:64x256")
        .containsEntry("trt_fp16_enable", "1")
        .containsEntry("trt_engine_cache_enable", "1")
        .doesNotContainKey("device_id");
    Map<String, String> roberta =
        SessionFactory.tensorRtOptions(
            ExecutionProvider.tensorRt(
                Map.of("trt_profile_max_shapes", "input_ids:4x64,attention_mask:4x64")),
            512,
            "roberta");
    assertThat(roberta)
        .containsEntry("trt_profile_min_shapes", "input_ids:1x1,attention_mask:1x1")
        .containsEntry("trt_profile_max_shapes", "input_ids:4x64,attention_mask:4x64")
        .doesNotContainKey("trt_engine_cache_enable");
    assertThat(ExecutionProvider.cuda(Map.of("device_id", "3")).deviceId()).isEqualTo(3);
    assertThatThrownBy(() -> ExecutionProvider.cuda(Map.of("device_id", "gpu0")).deviceId())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device_id");
  }

  @Test
  @EnabledIfSystemProperty(named = "mtl4j.gpu", matches = "true")
  void cudaRunsAndAgreesWithCpu() {
    Path pkg = tinyPackage();
    try (MtlModel gpu =
            MtlModel.load(pkg, on(ExecutionProvider.cuda(Map.of()), ProviderFallback.FAIL));
        MtlModel cpu = MtlModel.load(pkg, on(ExecutionProvider.CPU, ProviderFallback.FAIL))) {
      assertThat(gpu.provider()).isEqualTo(ExecutionProvider.Kind.CUDA);
      PredictionAssert.assertSame(
          gpu.predict("Anna flew to Oslo"), cpu.predict("Anna flew to Oslo"));
    }
  }
}
