package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/** The optional Micrometer meters record batches, sizes, lengths and requests. */
class MicrometerListenerTest {

  @Test
  void metersFollowTheWork(@TempDir Path dir) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerListener meters = new MicrometerListener(registry, "tiny");
    TinyModel tiny = new TinyModel(4, FixtureTasks.SINGLE, MiniLmModel.VOCAB, true);
    RuntimeOptions options =
        RuntimeOptions.builder().optIntraOpThreads(1).optListener(meters).build();
    try (MtlModel model = MtlModel.load(tiny.writePackage(dir.resolve("tiny"), 32), options);
        MicroBatcher batcher =
            new MicroBatcher(
                model,
                new BatcherOptions(4, Duration.ZERO, 16, Duration.ofMinutes(1), 1),
                meters)) {
      model.predictBatch(List.of(ModelInput.of("one two three"), ModelInput.of("four")), List.of());
      batcher.predict(ModelInput.of("five"), List.of());
    }
    assertThat(registry.get("mtl.inference.latency").timer().count()).isEqualTo(2);
    assertThat(registry.get("mtl.batch.size").summary().totalAmount()).isEqualTo(3);
    assertThat(registry.get("mtl.sequence.length").summary().max()).isEqualTo(5);
    assertThat(registry.get("mtl.request.latency").tag("outcome", "ok").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("mtl.queue.depth").gauge().value()).isZero();
    assertThat(registry.get("mtl.requests.rejected").counter().count()).isZero();
  }
}
