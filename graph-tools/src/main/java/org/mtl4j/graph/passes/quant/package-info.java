/** Numeric-precision passes: dynamic int8 quantization and float16 conversion. */
package org.mtl4j.graph.passes.quant;
