package org.mtl4j.zoo.pkg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The shared encoder of a package.
 *
 * @param family HuggingFace {@code model_type}: bert, distilbert, roberta, albert or xlnet
 * @param config the encoder's HuggingFace {@code config.json} content
 */
public record EncoderInfo(String family, ObjectNode config) {

  /** Validates the values. */
  public EncoderInfo {
    Objects.requireNonNull(family, "encoder family");
    Objects.requireNonNull(config, "encoder config");
  }
}
