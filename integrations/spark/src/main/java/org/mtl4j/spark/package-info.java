/**
 * Batch scoring on Apache Spark: {@link org.mtl4j.spark.MtlTransformer}, a Spark ML {@code
 * Transformer} that loads one model per executor JVM, shares it between the executor's task threads
 * and scores every task of the model in one encoder pass per batch of rows.
 */
package org.mtl4j.spark;
