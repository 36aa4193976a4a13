/**
 * The latency regression gate's baselines: what a run measured relative to the calibration
 * workload, with the facts (contract, workload, machine, ONNX Runtime, settings) that decide
 * whether a later run may be compared with it.
 */
package org.mtl4j.bench.gate;
