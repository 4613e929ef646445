package io.cascade.cli;

import picocli.CommandLine.Option;

/** {@code -m MESSAGE}: why, recorded with the revision. */
final class MessageOption {

    @Option(
            names = {"-m", "--message"},
            paramLabel = "MSG",
            description = "Why: recorded with the revision.")
    String message;
}
