package io.cascade.cli;

import io.cascade.cli.error.ExitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cascade help [COMMAND...]}: the same as {@code cascade COMMAND... --help}. */
@Command(
        name = "help",
        description = "Show the help of a command, e.g. 'cascade help flags' or 'cascade help changes apply'.")
final class HelpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommand) to explain.")
    List<String> command = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine target = spec.root().commandLine();
        for (String name : command) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                spec.commandLine()
                        .getErr()
                        .println("error: USAGE: no command '" + String.join(" ", command)
                                + "'; 'cascade --help' lists them");
                return ExitStatus.USAGE.code();
            }
            target = next;
        }
        target.usage(spec.commandLine().getOut());
        return ExitStatus.OK.code();
    }
}
