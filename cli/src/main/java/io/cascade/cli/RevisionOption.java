package io.cascade.cli;

import picocli.CommandLine.Option;

/** {@code --expected-revision N}: the write fails with CONFLICT (exit 3) if the namespace moved on. */
final class RevisionOption {

    @Option(
            names = "--expected-revision",
            paramLabel = "N",
            description = "Refuse the write (exit 3, CONFLICT) unless the namespace is at revision N.")
    Integer expectedRevision;
}
