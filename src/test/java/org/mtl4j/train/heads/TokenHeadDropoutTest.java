package org.mtl4j.train.heads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

/** The token head drops a hidden unit for a whole sentence, as the original's NER path did. */
class TokenHeadDropoutTest {

  private static final int HIDDEN = 16;
  private static final int POSITIONS = 5;

  @Test
  void everyPositionOfASentenceSharesOneDropoutMask() {
    TaskSpec spec =
        new TaskSpec("ner", TaskType.NER, List.of("O", "B-x", "I-x"), "NERLoss", 1, List.of(), 0.5);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      manager.getEngine().setRandomSeed(3);
      TaskHead head =
          Heads.create(spec, HIDDEN, Heads.initialWeights(spec, HIDDEN, 1), manager, "test");
      // Two sentences whose positions all hold the same vector: equal inputs per sentence.
      NDArray perSentence = manager.randomNormal(new Shape(2, 1, HIDDEN));
      NDArray sequence = perSentence.repeat(1, POSITIONS);
      EncodedBatch encoded = new EncodedBatch(null, new NDList(sequence));

      NDArray training = head.logits(encoded, true);
      NDArray eval = head.logits(encoded, false);

      for (int sentence = 0; sentence < 2; sentence++) {
        float[] first = training.get(sentence + ", 0, :").toFloatArray();
        for (int position = 1; position < POSITIONS; position++) {
          assertThat(training.get(sentence + ", " + position + ", :").toFloatArray())
              .as("sentence %d position %d", sentence, position)
              .containsExactly(first);
        }
      }
      assertThat(training.toFloatArray())
          .as("dropout was applied")
          .isNotEqualTo(eval.toFloatArray());
    }
  }
}
