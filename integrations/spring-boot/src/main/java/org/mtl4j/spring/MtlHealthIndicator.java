package org.mtl4j.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.runtime.ExecutionProvider;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the loaded model under the health contributor {@code mtl}: its name, encoder family,
 * tasks with their types, maximum sequence length, and the execution provider in use next to the
 * one configured (they differ after a fallback to CPU). The model bean exists only once the model
 * has loaded and passed its checks, so the status is UP.
 */
public final class MtlHealthIndicator implements HealthIndicator {

  private final MtlModel model;
  private final String name;
  private final ExecutionProvider.Kind configuredProvider;

  /**
   * @param model the model to report (not owned)
   * @param name the model's name
   * @param configuredProvider the provider the settings asked for
   */
  public MtlHealthIndicator(
      MtlModel model, String name, ExecutionProvider.Kind configuredProvider) {
    this.model = model;
    this.name = name;
    this.configuredProvider = configuredProvider;
  }

  @Override
  public Health health() {
    Manifest manifest = model.manifest();
    Map<String, String> tasks = new LinkedHashMap<>();
    for (TaskSpec task : manifest.tasks()) {
      tasks.put(task.name(), task.type().name());
    }
    return Health.up()
        .withDetail("model", name)
        .withDetail("family", manifest.encoder().family())
        .withDetail("tasks", tasks)
        .withDetail("maxLength", manifest.tokenizer().maxLength())
        .withDetail("provider", model.provider().name())
        .withDetail("configuredProvider", configuredProvider.name())
        .build();
  }
}
