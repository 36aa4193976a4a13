/**
 * ONNX in Java, with protobuf-java as the only dependency.
 *
 * <ul>
 *   <li>{@link org.mtl4j.graph.ir}: the IR ({@code Model}, {@code Graph}, {@code Node}, {@code
 *       Value}, {@code Tensor}) that the rest of mtl4j works on; it never exposes protobuf types.
 *   <li>{@link org.mtl4j.graph.io}: {@code OnnxReader} and {@code OnnxWriter}, files and streams,
 *       external data both ways, atomic writes.
 *   <li>{@link org.mtl4j.graph.build}: {@code GraphBuilder}, fluent node adding checked against
 *       operator schemas kept as data ({@code OpSchemas}).
 *   <li>{@link org.mtl4j.graph.check}: {@code ModelChecker}, structural validation.
 *   <li>{@link org.mtl4j.graph.inspect}: {@code ModelSummary}, what {@code mtl inspect} prints.
 * </ul>
 *
 * <p>A round trip:
 *
 * <pre>{@code
 * Model model = OnnxReader.read(Path.of("model.onnx"));
 * ModelChecker.requireValid(model);
 * OnnxWriter.write(model, Path.of("copy.onnx"), WriteOptions.externalData());
 * }</pre>
 */
package org.mtl4j.graph;
