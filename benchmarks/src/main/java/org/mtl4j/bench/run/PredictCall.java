package org.mtl4j.bench.run;

import java.util.List;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;

/**
 * End-to-end latency: {@code MtlModel.predict} (tokenize, run, decode every selected task) on one
 * batch of the workload. Owns the model.
 */
public final class PredictCall implements BenchCall {

  private final String name;
  private final MtlModel model;
  private final Workload workload;
  private final List<String> tasks;

  /**
   * @param name the report name
   * @param model the loaded model, closed with this call
   * @param workload the inputs
   * @param tasks task names, empty for every task that fits the input
   */
  public PredictCall(String name, MtlModel model, Workload workload, List<String> tasks) {
    this.name = name;
    this.model = model;
    this.workload = workload;
    this.tasks = List.copyOf(tasks);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void call(int item) {
    List<ModelInput> batch = workload.batches().get(item);
    if (batch.size() == 1) {
      model.predict(batch.get(0), tasks);
    } else {
      model.predictBatch(batch, tasks);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
