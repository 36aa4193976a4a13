package org.mtl4j.spring;

import org.mtl4j.runtime.MtlModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code mtl} health indicator ({@link MtlHealthIndicator}) when Spring Boot's
 * health support is on the class path; {@code management.health.mtl.enabled=false} turns it off. A
 * class of its own, so that applications without {@code spring-boot-health} never parse its
 * conditions.
 */
@AutoConfiguration(after = MtlAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MtlModel.class)
@ConditionalOnEnabledHealthIndicator("mtl")
public class MtlHealthAutoConfiguration {

  /**
   * @param model the application's model
   * @param properties the starter's settings
   * @return the health indicator, named {@code mtl} in the health endpoint
   */
  @Bean
  @ConditionalOnMissingBean(name = "mtlHealthIndicator")
  public MtlHealthIndicator mtlHealthIndicator(MtlModel model, MtlProperties properties) {
    return new MtlHealthIndicator(
        model, properties.model().nameOrDefault(), properties.runtime().provider());
  }
}
