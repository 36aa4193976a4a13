/** JMH suites and the back end of mtl bench. */
package org.mtl4j.bench;
