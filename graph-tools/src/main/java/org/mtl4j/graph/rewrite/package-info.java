/**
 * An editing view of a graph for optimisation passes: producer and consumer indices kept in step
 * with every edit, safe replacement and removal of nodes and values, topological re-sorting, unique
 * names, and a small pattern matcher over operator types, attributes and constant operands.
 */
package org.mtl4j.graph.rewrite;
