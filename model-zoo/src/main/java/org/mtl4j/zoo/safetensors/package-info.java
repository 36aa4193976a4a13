/**
 * The safetensors format, the weights format of the model package: {@link
 * org.mtl4j.zoo.safetensors.SafeTensorsReader} (bounds-checked header, memory-mapped data, F32, F16
 * and BF16 read as float) and {@link org.mtl4j.zoo.safetensors.SafeTensorsWriter} (atomic,
 * deterministic, F32).
 */
package org.mtl4j.zoo.safetensors;
