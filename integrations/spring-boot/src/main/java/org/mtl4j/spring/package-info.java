/**
 * Spring Boot starter for mtl4j: {@link org.mtl4j.spring.MtlAutoConfiguration} puts a loaded {@link
 * org.mtl4j.runtime.MtlModel}, an optional {@link org.mtl4j.runtime.MicroBatcher} and the runtime's
 * Micrometer meters into an application, {@link org.mtl4j.spring.MtlHealthAutoConfiguration} the
 * {@code mtl} health indicator, all set from {@link org.mtl4j.spring.MtlProperties} ({@code
 * mtl4j.*}).
 */
package org.mtl4j.spring;
