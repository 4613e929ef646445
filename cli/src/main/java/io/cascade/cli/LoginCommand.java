package io.cascade.cli;

import io.cascade.cli.config.ConfigStore;
import io.cascade.cli.config.Login;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.http.Connection;
import io.cascade.cli.http.GraphQlClient;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code cascade login}: checks a key with {@code whoami} and stores it with its endpoint. */
@Command(
        name = "login",
        description = {
            "Check an API key against the server and store it with the endpoint for later commands.",
            "The login file is readable by you only (mode 0600)."
        })
final class LoginCommand extends CommandSupport {

    static final String WHOAMI = "query { whoami { keyId description platformAdmin namespace role environment } }";

    @Override
    public Integer call() {
        return run(() -> {
            Connection connection = root().connection();
            JsonNode principal = new GraphQlClient(connection).execute(WHOAMI).path("whoami");
            ConfigStore store = root().configStore();
            store.save(new Login(connection.endpoint(), connection.key()));
            if (json()) {
                printJson(principal);
            } else {
                out().println("Logged in to " + connection.endpoint() + " as " + WhoamiCommand.describe(principal)
                        + ".");
                out().println("Saved to " + store.path() + ".");
            }
            return ExitStatus.OK.code();
        });
    }
}
