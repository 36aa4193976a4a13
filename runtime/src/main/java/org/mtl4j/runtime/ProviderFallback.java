package org.mtl4j.runtime;

/** What to do when the configured execution provider cannot be loaded. */
public enum ProviderFallback {
  /** Run on CPU instead and log one warning. */
  CPU_WITH_WARNING,
  /** Fail the load with {@link ModelLoadException}. */
  FAIL
}
