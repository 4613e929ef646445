package io.cascade.cli;

import io.cascade.cli.config.ConfigStore;
import io.cascade.cli.error.ExitStatus;
import picocli.CommandLine.Command;

/** {@code cascade logout}: forgets the stored login. */
@Command(name = "logout", description = "Remove the stored login (the key stays valid on the server).")
final class LogoutCommand extends CommandSupport {

    @Override
    public Integer call() {
        return run(() -> {
            ConfigStore store = root().configStore();
            out().println(store.delete() ? "Logged out: removed " + store.path() + "." : "Not logged in.");
            return ExitStatus.OK.code();
        });
    }
}
