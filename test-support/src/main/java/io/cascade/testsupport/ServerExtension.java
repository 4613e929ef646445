package io.cascade.testsupport;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server for all the tests of a class and its {@code @Nested} classes: started before the
 * first, stopped (and its data directory deleted) after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServerExtension SERVER = new ServerExtension();
 *
 * @Test
 * void something() {
 *     GraphQlClient admin = SERVER.get().client();
 * }
 * }</pre>
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, Object> properties;
    private TestServer server;
    /** The class whose context started the server: @Nested classes inherit the extension and share it. */
    private String owner;

    /** A server with the embedded defaults. */
    public ServerExtension() {
        this(Map.of());
    }

    /** A server with these Spring properties besides the test defaults. */
    public ServerExtension(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = TestServer.start(properties);
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null && context.getUniqueId().equals(owner)) {
            server.close();
            server = null;
            owner = null;
        }
    }

    /** The running server. */
    public TestServer get() {
        if (server == null) {
            throw new IllegalStateException("the server runs between beforeAll and afterAll only");
        }
        return server;
    }
}
