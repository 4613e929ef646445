/**
 * The {@code cascade} operator CLI. {@link io.cascade.cli.Cascade} is the one public entry
 * point; each command is a package-private picocli command that turns its arguments into one or
 * a few GraphQL requests and prints a table for people or JSON for scripts ({@code -o json}).
 * Failures print {@code error: CODE: message} on standard error and exit with the codes of
 * {@link io.cascade.cli.error.ExitStatus}; no command lets an exception escape. Parameters and
 * returns are never null unless a picocli option is absent.
 */
package io.cascade.cli;
