/**
 * The Cascade client in a Spring Boot application. Applications use it through {@code cascade.*}
 * properties and the beans it defines; nothing here is called directly.
 */
package io.cascade.client.spring;
