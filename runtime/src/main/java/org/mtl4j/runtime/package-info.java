/**
 * Low-latency multi-task inference on ONNX Runtime: the only module a JVM service depends on.
 *
 * <pre>{@code
 * RuntimeOptions options = RuntimeOptions.builder()
 *     .optIntraOpThreads(2)
 *     .optProvider(ExecutionProvider.cuda(Map.of("device_id", "0")))   // CPU when unavailable
 *     .optListener(new MicrometerListener(registry, "intents"))        // optional meters
 *     .build();
 * try (MtlModel model = MtlModel.load(Path.of("pkg"), options);        // or a single model.onnx
 *     MicroBatcher batcher = new MicroBatcher(model, BatcherOptions.defaults(), InferenceListener.NONE)) {
 *   Prediction p = model.predict("book a table in Berlin");              // every single-text task
 *   ClassificationResult intent = p.get("intent", ClassificationResult.class);
 *   TaggingResult slots = model.predict(ModelInput.of("Anna flew to Oslo"), List.of("slots"))
 *       .get("slots", TaggingResult.class);
 *   Prediction pair = batcher.predict(ModelInput.pair("a", "b"), List.of()); // concurrent callers
 * }
 * }</pre>
 *
 * <p>{@link org.mtl4j.runtime.MtlModel} checks the model on load (manifest, tokenizer, inputs,
 * outputs, vocabulary), pads each batch to its longest row, passes direct native-order buffers to
 * ONNX Runtime and asks it only for the requested tasks' outputs. Long texts: sentence-level tasks
 * read the first {@code maxLength} tokens (pairs are truncated longest-first); tagging runs over
 * windows overlapping by half a window, each token labelled by the window in which it is most
 * central.
 */
package org.mtl4j.runtime;
