/**
 * Spring AOT support: what a handler bean, its methods and its payload types need at run time in
 * an application processed ahead of time ({@code spring-boot:process-aot}), and so in a native
 * image. Registered through {@code META-INF/spring/aot.factories}.
 */
package io.kclient.spring.aot;
