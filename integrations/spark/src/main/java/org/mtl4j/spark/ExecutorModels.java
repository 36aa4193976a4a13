package org.mtl4j.spark;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.RuntimeOptions;

/**
 * The models loaded in this JVM (an executor, or the driver in local mode), shared by every task
 * thread: a location is copied to local disk and fingerprinted once, and one model is loaded per
 * checksum and thread setting. The models are closed when the JVM exits.
 */
final class ExecutorModels {

  private record Key(String checksum, int intraOpThreads) {}

  private static final ConcurrentMap<String, Path> LOCAL = new ConcurrentHashMap<>();
  private static final ConcurrentMap<Path, String> CHECKSUMS = new ConcurrentHashMap<>();
  private static final ConcurrentMap<Key, MtlModel> MODELS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ExecutorModels::closeAll, "mtl4j-models-close"));
  }

  private ExecutorModels() {}

  /**
   * @param spec where the model is and how to run it
   * @return the model shared in this JVM; callers must not close it
   */
  static MtlModel get(ModelSpec spec) {
    Path local =
        LOCAL.computeIfAbsent(spec.location(), l -> ModelFiles.localize(l, spec.hadoopConf()));
    String checksum = CHECKSUMS.computeIfAbsent(local, ModelFiles::checksum);
    return MODELS.computeIfAbsent(
        new Key(checksum, spec.intraOpThreads()), key -> load(local, key));
  }

  private static MtlModel load(Path local, Key key) {
    LOADS.incrementAndGet();
    return MtlModel.load(
        local, RuntimeOptions.builder().optIntraOpThreads(key.intraOpThreads()).build());
  }

  /**
   * @return how many models this JVM has loaded so far
   */
  static int loads() {
    return LOADS.get();
  }

  private static void closeAll() {
    MODELS.values().forEach(MtlModel::close);
  }
}
