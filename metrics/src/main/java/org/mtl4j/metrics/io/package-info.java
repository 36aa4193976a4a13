/** Reading the original library's gold and prediction TSV files and scoring them by uid. */
package org.mtl4j.metrics.io;
