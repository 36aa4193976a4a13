package org.mtl4j.bench.run;

/**
 * One measured operation on a workload: a call runs the workload's {@code item}-th batch. Owns
 * whatever it loaded (sessions, tensors); {@link #close()} releases it and is idempotent.
 */
public interface BenchCall extends AutoCloseable {

  /**
   * @return the name shown in reports, e.g. the model file
   */
  String name();

  /**
   * Runs the item's batch once.
   *
   * @param item index into the workload's batches
   * @throws Exception when the run fails
   */
  void call(int item) throws Exception;

  @Override
  void close();
}
