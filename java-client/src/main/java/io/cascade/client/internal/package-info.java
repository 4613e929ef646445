/**
 * The client's transport and disk copy. Not for applications: these types may change in any release.
 */
package io.cascade.client.internal;
