/**
 * Building graphs in code: {@link org.mtl4j.graph.build.GraphBuilder} adds nodes fluently through
 * {@link org.mtl4j.graph.build.NodeBuilder}, checking each against an {@link
 * org.mtl4j.graph.build.OpSchema} from {@link org.mtl4j.graph.build.OpSchemas}, a registry kept as
 * data ({@code op-schemas.tsv}): domain, operator, since-version, input and output counts (optional
 * and variadic ones included) and required attributes.
 */
package org.mtl4j.graph.build;
