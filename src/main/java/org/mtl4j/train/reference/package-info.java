/**
 * Reference outputs recorded with the training framework: the standard probe batches, the DJL
 * encoder and heads run on them in eval mode, and {@link
 * org.mtl4j.train.reference.PackageConversion}, which turns an encoder checkpoint into a model
 * package carrying those references for the parity gate.
 */
package org.mtl4j.train.reference;
