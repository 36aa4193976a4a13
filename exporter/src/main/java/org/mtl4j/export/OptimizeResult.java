package org.mtl4j.export;

import java.nio.file.Path;
import java.util.Map;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.graph.passes.PassReport;

/**
 * What {@code mtl optimize} wrote.
 *
 * @param model the optimized file
 * @param level the level applied
 * @param passes per stage, what each pass changed
 * @param passSeconds the time of the passes alone
 * @param gate the parity gate's verdict
 */
public record OptimizeResult(
    Path model,
    OptimizationLevel level,
    Map<String, PassReport> passes,
    double passSeconds,
    OptimizedGate gate) {}
