package org.mtl4j.spring;

import org.mtl4j.runtime.ModelLoadException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a model that failed to load at startup into Spring Boot's "application failed to start"
 * report: what was wrong (the runtime's message names the file and the check) and what to set.
 */
public final class ModelLoadFailureAnalyzer extends AbstractFailureAnalyzer<ModelLoadException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ModelLoadException cause) {
    return new FailureAnalysis(
        "The mtl4j model could not be loaded: " + cause.getMessage(),
        "Point mtl4j.model.path at a model package directory or an exported .onnx file (mtl"
            + " export writes one), or define an MtlModel bean of your own.",
        cause);
  }
}
