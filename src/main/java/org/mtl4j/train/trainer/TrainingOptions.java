package org.mtl4j.train.trainer;

/**
 * The settings of a training run. Build with {@link #builder()}; unset values keep the defaults.
 *
 * @param epochs passes over the training data (default 3)
 * @param batchSize examples per batch ({@value #DEFAULT_BATCH_SIZE})
 * @param evalBatchSize examples per batch when evaluating (64)
 * @param learningRate peak learning rate of AdamW ({@value #DEFAULT_LEARNING_RATE})
 * @param headLearningRate peak learning rate of the task heads, which start from scratch; 0 means
 *     the same as {@code learningRate} ({@value #DEFAULT_HEAD_LEARNING_RATE})
 * @param weightDecay AdamW's decoupled weight decay on weights, none on biases and layer norms
 *     (0.01)
 * @param warmupRatio fraction of the updates over which the learning rate rises linearly from 0; it
 *     then falls linearly to 0 at the last update (0.1)
 * @param gradAccumulation batches whose gradients are summed before each update (1)
 * @param clipNorm the largest global gradient norm, larger ones are scaled down; 0 is off (1.0)
 * @param maxSeqLen the most tokens an example keeps, special tokens included; 0: {@link
 *     #DEFAULT_MAX_SEQ_LEN}, or the encoder's limit when that is lower ({@link #fittedTo})
 * @param seed seeds head initialisation, batch order and dropout (42)
 * @param temperature task sampling temperature: a task's share of batches is proportional to (its
 *     batch count)^(1/temperature); 1 is proportional to size, larger values even tasks out
 * @param shareBatches let tasks that read the same sentences share batches, so the encoder runs
 *     once for all of their losses (true)
 * @param select the dev metric that picks the best epoch, {@code task.metric}; null: the mean of
 *     every task's first metric
 * @param checkpointEvery also write a resumable checkpoint every this many updates; 0: only at the
 *     end of each epoch
 * @param stopAfterUpdates stop, as if interrupted, after this many updates; -1 runs to the end
 * @param progress draw a progress bar on the error stream
 * @param referenceDevRows dev examples per task whose outputs and gold labels go into the package's
 *     reference ({@value #DEFAULT_REFERENCE_DEV_ROWS}); fewer when the dev split is smaller
 */
public record TrainingOptions(
    int epochs,
    int batchSize,
    int evalBatchSize,
    double learningRate,
    double headLearningRate,
    double weightDecay,
    double warmupRatio,
    int gradAccumulation,
    double clipNorm,
    int maxSeqLen,
    long seed,
    double temperature,
    boolean shareBatches,
    String select,
    int checkpointEvery,
    int stopAfterUpdates,
    boolean progress,
    int referenceDevRows) {

  /** The longest example kept when {@code maxSeqLen} is 0 and the encoder allows it. */
  public static final int DEFAULT_MAX_SEQ_LEN = 128;

  /**
   * Examples per batch unless told otherwise. With {@link #DEFAULT_LEARNING_RATE} and {@link
   * #DEFAULT_HEAD_LEARNING_RATE}: the fastest one-epoch SNIPS setting within 0.3 points of the best
   * dev intent accuracy and ner F1 seen (benchmarks/results/training-tuning-2026-12-02.txt).
   */
  public static final int DEFAULT_BATCH_SIZE = 64;

  /** AdamW's peak learning rate unless told otherwise. */
  public static final double DEFAULT_LEARNING_RATE = 4e-4;

  /** The heads' peak learning rate unless told otherwise. */
  public static final double DEFAULT_HEAD_LEARNING_RATE = 2e-3;

  /** The dev examples per task a package's reference keeps unless told otherwise. */
  public static final int DEFAULT_REFERENCE_DEV_ROWS = 16;

  /** Validates the values. */
  public TrainingOptions {
    if (maxSeqLen < 0) {
      throw new IllegalArgumentException("max sequence length must be positive, was " + maxSeqLen);
    }
    positive("epochs", epochs);
    positive("batch size", batchSize);
    positive("eval batch size", evalBatchSize);
    positive("gradient accumulation", gradAccumulation);
    positive("reference dev rows", referenceDevRows);
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be positive, was " + learningRate);
    }
    if (headLearningRate < 0) {
      throw new IllegalArgumentException(
          "head learning rate must be >= 0, was " + headLearningRate);
    }
    if (weightDecay < 0 || clipNorm < 0 || warmupRatio < 0 || warmupRatio >= 1) {
      throw new IllegalArgumentException(
          "weight decay and clip norm must be >= 0, and the warm-up ratio in [0, 1)");
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be positive, was " + temperature);
    }
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException(
          "checkpoint interval must be >= 0, was " + checkpointEvery);
    }
  }

  /**
   * These options with the sequence length settled for an encoder: the default becomes the smaller
   * of {@link #DEFAULT_MAX_SEQ_LEN} and the encoder's limit.
   *
   * @param encoderLimit the most tokens the encoder's positions cover
   * @param encoderName the encoder, for the message
   * @return options whose {@code maxSeqLen} is positive and within the limit
   * @throws IllegalArgumentException when {@code maxSeqLen} was set above the limit
   */
  public TrainingOptions fittedTo(int encoderLimit, String encoderName) {
    if (maxSeqLen > encoderLimit) {
      throw new IllegalArgumentException(
          "--max-seq-len "
              + maxSeqLen
              + " exceeds the "
              + encoderLimit
              + " positions of encoder "
              + encoderName
              + "; choose "
              + encoderLimit
              + " or less");
    }
    int fitted = maxSeqLen > 0 ? maxSeqLen : Math.min(DEFAULT_MAX_SEQ_LEN, encoderLimit);
    return new TrainingOptions(
        epochs,
        batchSize,
        evalBatchSize,
        learningRate,
        headLearningRate,
        weightDecay,
        warmupRatio,
        gradAccumulation,
        clipNorm,
        fitted,
        seed,
        temperature,
        shareBatches,
        select,
        checkpointEvery,
        stopAfterUpdates,
        progress,
        referenceDevRows);
  }

  /**
   * @return the heads' peak learning rate as a multiple of the encoder's
   */
  public double headLearningRateScale() {
    return headLearningRate == 0 ? 1 : headLearningRate / learningRate;
  }

  /**
   * @return a builder holding the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, was " + value);
    }
  }

  /** Collects options; every setter is optional. */
  public static final class Builder {
    private int epochs = 3;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int evalBatchSize = 64;
    private double learningRate = DEFAULT_LEARNING_RATE;
    private double headLearningRate = DEFAULT_HEAD_LEARNING_RATE;
    private double weightDecay = 0.01;
    private double warmupRatio = 0.1;
    private int gradAccumulation = 1;
    private double clipNorm = 1.0;
    private int maxSeqLen;
    private long seed = 42;
    private double temperature = 1.0;
    private boolean shareBatches = true;
    private String select;
    private int checkpointEvery;
    private int stopAfterUpdates = -1;
    private boolean progress;
    private int referenceDevRows = DEFAULT_REFERENCE_DEV_ROWS;

    private Builder() {}

    /**
     * @param value passes over the data @return this
     */
    public Builder optEpochs(int value) {
      epochs = value;
      return this;
    }

    /**
     * @param value examples per batch @return this
     */
    public Builder optBatchSize(int value) {
      batchSize = value;
      return this;
    }

    /**
     * @param value examples per evaluation batch @return this
     */
    public Builder optEvalBatchSize(int value) {
      evalBatchSize = value;
      return this;
    }

    /**
     * @param value peak learning rate @return this
     */
    public Builder optLearningRate(double value) {
      learningRate = value;
      return this;
    }

    /**
     * @param value peak learning rate of the heads, 0 for the encoder's @return this
     */
    public Builder optHeadLearningRate(double value) {
      headLearningRate = value;
      return this;
    }

    /**
     * @param value decoupled weight decay @return this
     */
    public Builder optWeightDecay(double value) {
      weightDecay = value;
      return this;
    }

    /**
     * @param value warm-up fraction of the updates @return this
     */
    public Builder optWarmupRatio(double value) {
      warmupRatio = value;
      return this;
    }

    /**
     * @param value batches per update @return this
     */
    public Builder optGradAccumulation(int value) {
      gradAccumulation = value;
      return this;
    }

    /**
     * @param value largest global gradient norm, 0 for none @return this
     */
    public Builder optClipNorm(double value) {
      clipNorm = value;
      return this;
    }

    /**
     * @param value most tokens per example; 0 for the default @return this
     */
    public Builder optMaxSeqLen(int value) {
      maxSeqLen = value;
      return this;
    }

    /**
     * @param value the seed @return this
     */
    public Builder optSeed(long value) {
      seed = value;
      return this;
    }

    /**
     * @param value task sampling temperature @return this
     */
    public Builder optTemperature(double value) {
      temperature = value;
      return this;
    }

    /**
     * @param value whether tasks reading the same sentences share batches @return this
     */
    public Builder optShareBatches(boolean value) {
      shareBatches = value;
      return this;
    }

    /**
     * @param value {@code task.metric} choosing the best epoch @return this
     */
    public Builder optSelect(String value) {
      select = value;
      return this;
    }

    /**
     * @param value updates between checkpoints, 0 for epoch ends only @return this
     */
    public Builder optCheckpointEvery(int value) {
      checkpointEvery = value;
      return this;
    }

    /**
     * @param value updates after which to stop as if interrupted @return this
     */
    public Builder optStopAfterUpdates(int value) {
      stopAfterUpdates = value;
      return this;
    }

    /**
     * @param value whether to draw a progress bar @return this
     */
    public Builder optProgress(boolean value) {
      progress = value;
      return this;
    }

    /**
     * @param value dev examples per task kept in the package's reference @return this
     */
    public Builder optReferenceDevRows(int value) {
      referenceDevRows = value;
      return this;
    }

    /**
     * @return the options
     */
    public TrainingOptions build() {
      return new TrainingOptions(
          epochs,
          batchSize,
          evalBatchSize,
          learningRate,
          headLearningRate,
          weightDecay,
          warmupRatio,
          gradAccumulation,
          clipNorm,
          maxSeqLen,
          seed,
          temperature,
          shareBatches,
          select,
          checkpointEvery,
          stopAfterUpdates,
          progress,
          referenceDevRows);
    }
  }
}
