/**
 * The standalone gateway: the same subscription endpoint as the server's, fed over HTTP by the
 * servers and by Redis announcements. Not for use as a library.
 */
package io.cascade.gateway.standalone;
