/**
 * Text in and out of the CLI: JSON/YAML documents, selectors and scopes as typed on the command
 * line, RFC 7396 merge patches and plain-text tables. No I/O except {@link
 * io.cascade.cli.text.Documents} reading the files it is given. Parameters and returns are never
 * null unless a method says so; bad input is a {@link io.cascade.cli.error.CliException} with a
 * usage status.
 */
package io.cascade.cli.text;
