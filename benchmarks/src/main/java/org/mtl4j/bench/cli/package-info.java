/**
 * The {@code mtl bench} command: latency benchmarks, paired comparisons and the regression gate.
 */
package org.mtl4j.bench.cli;
