/**
 * The model server behind {@code mtl serve}: one or more models on one port, on Armeria (HTTP/1.1,
 * HTTP/2 and gRPC), speaking the project's JSON API ({@code /v1/predict}, {@code /health}, {@code
 * /metrics}) and the Open Inference Protocol (KServe v2) over REST and gRPC.
 *
 * <p>{@link org.mtl4j.serve.ModelServer} is the entry point. Request bodies are turned into
 * requests by {@link org.mtl4j.serve.PredictRequest#parse} and {@link
 * org.mtl4j.serve.InferJson#parseRequest}, each a pure function from bytes to a request or a {@link
 * org.mtl4j.serve.ServeException} with a 4xx status.
 */
package org.mtl4j.serve;
