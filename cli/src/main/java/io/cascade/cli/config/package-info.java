/**
 * The stored login of {@code cascade login}: where the file lives and how it is kept private
 * (mode 0600 in a 0700 directory). Parameters and returns are never null; {@code Optional} marks
 * an absent login.
 */
package io.cascade.cli.config;
