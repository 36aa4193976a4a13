/** The example service the README shows, started by the starter's tests. */
package org.mtl4j.spring.example;
