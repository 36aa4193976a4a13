/** Model package to one multi-output ONNX graph, behind a parity gate. */
package org.mtl4j.export;
