/**
 * Running latency measurements: workloads (texts from a file, built-in sentences, synthetic length
 * x batch grids), the calls measured (end-to-end {@code predict}, a raw session run, the
 * calibration graph) and the runner that alternates them call by call.
 */
package org.mtl4j.bench.run;
