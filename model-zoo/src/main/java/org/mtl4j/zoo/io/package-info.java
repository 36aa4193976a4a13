/** File helpers shared by the model zoo's readers and writers. */
package org.mtl4j.zoo.io;
