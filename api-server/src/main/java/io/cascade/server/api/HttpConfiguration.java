package io.cascade.server.api;

import java.time.Duration;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat for clients that stall or send what is not HTTP: no read of a request body waits longer
 * than {@code cascade.http.body-timeout} (default 10 s; {@link RequestGuard} also bounds the whole
 * body by it), and what Tomcat refuses before our code runs (a malformed request line or header,
 * headers over the size limit) is answered with a JSON error like every other refusal, never
 * Tomcat's HTML page. A request refused for a body too slow is answered and its connection
 * closed at once ({@link DroppedConnections}). The wait for a request line and headers is {@code
 * server.tomcat.connection-timeout} (application.properties).
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    TomcatForHostileClients tomcatForHostileClients(
            @Value("${cascade.http.body-timeout:10s}") Duration bodyTimeout, JsonMapper json) {
        return new TomcatForHostileClients(bodyTimeout, json);
    }

    /**
     * Runs after Boot's own Tomcat customizer, which adds Tomcat's HTML error report valve to the
     * host: this one replaces it.
     */
    static final class TomcatForHostileClients
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final Duration bodyTimeout;
        private final JsonMapper json;

        TomcatForHostileClients(Duration bodyTimeout, JsonMapper json) {
            this.bodyTimeout = bodyTimeout;
            this.json = json;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    http.setDisableUploadTimeout(false);
                    http.setConnectionUploadTimeout((int) bodyTimeout.toMillis());
                }
            });
            factory.addEngineValves(new DroppedConnections());
            factory.addContextCustomizers(context -> replaceErrorReport(context.getParent()));
        }

        private void replaceErrorReport(Container host) {
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new JsonErrorReportValve(json));
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
