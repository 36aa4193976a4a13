/**
 * The statistics of latency benchmarks: percentile summaries of samples, bootstrap confidence
 * intervals of ratios of medians, and the regression decision built on them.
 */
package org.mtl4j.bench.stats;
