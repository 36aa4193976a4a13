package org.mtl4j.zoo.encoder;

/** Range checks shared by the config records; messages name the HuggingFace key. */
final class ConfigChecks {

  private ConfigChecks() {}

  static void positive(String key, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }

  static void positiveReal(String key, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }

  static void probability(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1), was " + value);
    }
  }

  static void epsilon(double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException("layer_norm_eps must be in (0, 1), was " + value);
    }
  }

  static void heads(String widthKey, int width, String headsKey, int heads) {
    positive(widthKey, width);
    positive(headsKey, heads);
    if (width % heads != 0) {
      throw new IllegalArgumentException(
          widthKey + " " + width + " is not a multiple of " + headsKey + " " + heads);
    }
  }

  static void padId(int padTokenId, int vocabSize) {
    if (padTokenId < 0 || padTokenId >= vocabSize) {
      throw new IllegalArgumentException(
          "pad_token_id " + padTokenId + " is outside the vocabulary [0, " + vocabSize + ")");
    }
  }
}
