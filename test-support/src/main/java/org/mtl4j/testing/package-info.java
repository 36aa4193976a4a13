/**
 * Model packages and reference computations that the tests of several modules share: a tiny
 * transformer graph with heads ({@link org.mtl4j.testing.TinyModel}), the real all-MiniLM-L6-v2
 * with seeded heads ({@link org.mtl4j.testing.MiniLmModel}), and the package writer that wraps
 * either in a model package ({@link org.mtl4j.testing.FixturePackage}). Test scope only.
 */
package org.mtl4j.testing;
