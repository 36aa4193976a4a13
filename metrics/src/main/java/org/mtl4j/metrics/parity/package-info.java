/**
 * The parity comparator: whether a candidate model (an exported or optimized graph) computes what
 * the reference (the trained model) computes, judged against the tiers of design.md.
 *
 * <p>Use: build {@link org.mtl4j.metrics.parity.NamedTensor}s for both sides, call {@link
 * org.mtl4j.metrics.parity.ParityComparator#compare(java.util.List, java.util.List,
 * java.util.Optional, org.mtl4j.metrics.parity.Tier)}, gate on {@link
 * org.mtl4j.metrics.parity.ParityReport#passed()} and print {@link
 * org.mtl4j.metrics.parity.ParityReport#toText()} or {@code toJson()}. The fp16 and int8 tiers also
 * need {@link org.mtl4j.metrics.parity.TaskMetricGate} on the dev set's task metrics.
 */
package org.mtl4j.metrics.parity;
