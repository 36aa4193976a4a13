/**
 * Spring Boot starter for mtl4j: {@link org.mtl4j.spring.MtlAutoConfiguration} puts a loaded
 * {@link org.mtl4j.runtime.MtlModel}, an optional {@link org.mtl4j.runtime.MicroBatcher}, the
 * runtime's Micrometer meters and the {@code mtl} health indicator into an application, all set
 * from {@link org.mtl4j.spring.MtlProperties} ({@code mtl4j.*}).
 */
package org.mtl4j.spring;
