/**
 * The original library's task metrics with exact semantics, richer reports, and the parity comparator with its tolerance tiers.
 */
package org.mtl4j.metrics;
