/**
 * Encoder families as specs, presets, the model package format, safetensors IO and checkpoint import.
 */
package org.mtl4j.zoo;
