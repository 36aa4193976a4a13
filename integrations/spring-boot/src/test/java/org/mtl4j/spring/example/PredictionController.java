package org.mtl4j.spring.example;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The README's example endpoints: {@code /predict} runs every task on the caller's thread, {@code
 * /intent} goes through the micro-batcher and answers asynchronously.
 */
@RestController
public class PredictionController {

  private final MtlModel model;
  private final MicroBatcher batcher;

  /**
   * @param model the model the starter loaded
   * @param batcher the starter's micro-batcher ({@code mtl4j.batching.enabled=true})
   */
  public PredictionController(MtlModel model, MicroBatcher batcher) {
    this.model = model;
    this.batcher = batcher;
  }

  /**
   * @param text the text
   * @return every single-text task's result, as {@code {"task": result, ...}}
   */
  @GetMapping("/predict")
  public Prediction predict(@RequestParam String text) {
    return model.predict(text);
  }

  /**
   * @param text the text
   * @return the intent, once the text's batch has run
   */
  @GetMapping("/intent")
  public CompletableFuture<ClassificationResult> intent(@RequestParam String text) {
    return batcher
        .submit(ModelInput.of(text), List.of("intent"))
        .thenApply(p -> p.get("intent", ClassificationResult.class));
  }
}
