/**
 * Task data: reading a split's TSV or JSONL file into typed {@link org.mtl4j.train.data.Example}s
 * ({@link org.mtl4j.train.data.DataReader}), tokenizing them ({@link
 * org.mtl4j.train.data.ExampleTokenizer}) and padding them into batches ({@link
 * org.mtl4j.train.data.BatchCollator}). Plain Java arrays only; the trainer makes tensors.
 */
package org.mtl4j.train.data;
