/**
 * How the CLI fails: {@link io.cascade.cli.error.ExitStatus} (the exit codes scripts rely on),
 * {@link io.cascade.cli.error.CliException} (the one exception commands let escape) and the
 * server's {@link io.cascade.cli.error.Violation}s. Parameters and returns are never null;
 * everything here is immutable.
 */
package io.cascade.cli.error;
