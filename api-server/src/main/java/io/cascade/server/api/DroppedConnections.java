package io.cascade.server.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection after the answer, without reading the rest of the request body, for a
 * request {@link #drop marked} so: Tomcat otherwise reads ("swallows") what is left of a body
 * before closing, which a client that sends one byte at a time can make last as long as it likes.
 */
final class DroppedConnections extends ValveBase {

    private static final String DROP = DroppedConnections.class.getName() + ".drop";

    DroppedConnections() {
        super(true);
    }

    /** Marks {@code request}: its connection closes after the answer, with no more of the body read. */
    static void drop(ServletRequest request) {
        request.setAttribute(DROP, Boolean.TRUE);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (Boolean.TRUE.equals(request.getAttribute(DROP))) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
