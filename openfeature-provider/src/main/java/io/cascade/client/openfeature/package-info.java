/**
 * The Cascade client as an OpenFeature provider ({@link io.cascade.client.openfeature.CascadeProvider}),
 * for applications that evaluate flags through the OpenFeature API. Thread-safe.
 */
package io.cascade.client.openfeature;
