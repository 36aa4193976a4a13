package org.mtl4j.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code local[2]} SparkSession for every test class of the module, started by the first class
 * that uses this extension and stopped when the test run ends.
 */
public final class LocalSpark implements BeforeAllCallback {

  private static volatile SparkSession session;

  /** Stops the session at the end of the run. */
  private static final class Stopper implements AutoCloseable {
    @Override
    public void close() {
      session.stop();
      session = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(LocalSpark.class, key -> start(), Stopper.class);
  }

  private static Stopper start() {
    session =
        SparkSession.builder()
            .master("local[2]")
            .appName("mtl4j-spark-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    return new Stopper();
  }

  /**
   * @return the shared session
   */
  static SparkSession session() {
    if (session == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(LocalSpark.class)");
    }
    return session;
  }
}
