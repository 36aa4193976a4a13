/** Reports of benchmark runs: plain text, JSON, and an HTML page with latency charts. */
package org.mtl4j.bench.report;
