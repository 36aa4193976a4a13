/** Clean-up passes: dead code, no-op nodes, constant folding, duplicate initializers. */
package org.mtl4j.graph.passes.clean;
