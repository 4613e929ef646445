/**
 * Config as code: a namespace as a directory of files ({@code schema.json}, {@code layers/},
 * {@code flags/}, {@code segments/}), and the plan that makes a namespace equal to a directory.
 * {@link io.cascade.cli.code.ConfigDirectory} is the one translation between files and the model;
 * values are immutable. For the {@code export} and {@code apply} commands.
 */
package io.cascade.cli.code;
