/**
 * The training loop: {@link org.mtl4j.train.trainer.MultiTaskTrainer} trains one shared encoder and
 * a head per task with AdamW and a linear warm-up schedule, checkpoints resumably after each epoch,
 * picks the best epoch on a dev metric and writes the model package with its reference outputs.
 * {@link org.mtl4j.train.trainer.PackageEvaluation} re-scores a package the same way.
 */
package org.mtl4j.train.trainer;
