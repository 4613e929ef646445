package io.cascade.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The offline GraphQL explorer and the dashboard are served from the jar without a key and load
 * nothing from another origin (machines here have no internet, so a CDN-hosted page would render
 * blank).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "cascade.data-dir=${java.io.tmpdir}/cascade-explorer-it-${random.uuid}")
class ExplorerPageIT {

    /** Protocol-relative loads ({@code src="//host/x.js"}, {@code url(//host/f.woff)}) are external too. */
    private static final Pattern PROTOCOL_RELATIVE =
            Pattern.compile("(?:src|href|action)\\s*=\\s*[\"']?\\s*//|url\\(\\s*[\"']?\\s*//|@import\\s+[\"']//");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/explorer/index.html, text/html",
        "/explorer/explorer.js, text/javascript|application/javascript",
        "/explorer/explorer.css, text/css",
        "/ui/, text/html",
        "/ui/js/main.js, text/javascript|application/javascript",
        "/ui/js/ws.js, text/javascript|application/javascript",
        "/ui/app.css, text/css",
    })
    void servesAFileThatLoadsNothingExternal(String path, String contentTypes) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertThat(contentType).as("Content-Type of %s", path).matches("(?i)(" + contentTypes + ")(;.*)?");
        assertThat(response.body())
                .as("body of %s", path)
                .isNotBlank()
                .doesNotContain("http://", "https://", "//cdn")
                .doesNotContainPattern(PROTOCOL_RELATIVE);
    }

    @Test
    void thePageLoadsItsOwnScriptAndStylesheet() throws Exception {
        String html = get("/explorer/index.html").body();

        assertThat(html)
                .contains("src=\"explorer.js\"", "href=\"explorer.css\"")
                .contains("id=\"query\"", "id=\"variables\"", "id=\"api-key\"", "id=\"run\"", "id=\"example\"");
    }

    @Test
    void theDashboardAllowsScriptsAndConnectionsToThisServerOnly() throws Exception {
        for (String path : new String[] {"/ui/", "/ui/js/main.js", "/ui/app.css"}) {
            HttpResponse<String> response = get(path);

            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as("policy of %s", path)
                    .hasValue(ApiConfiguration.DASHBOARD_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
        assertThat(ApiConfiguration.DASHBOARD_POLICY)
                .contains("script-src 'self';", "connect-src 'self';", "frame-ancestors 'none'");
    }

    @Test
    void theRootPageLeadsToTheExplorer() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("explorer/").doesNotContain("http://", "https://");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
