/**
 * Structural validation of models: {@link org.mtl4j.graph.check.ModelChecker} returns every problem
 * as a message naming the node or value, or throws them all at once from {@code requireValid}.
 */
package org.mtl4j.graph.check;
