package io.cascade.server.ui;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.server.rollout.Fleet;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.TestServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (the system Chromium, headless) against a real server: each
 * test signs in with a key of the role it needs and does what an operator does, reading the page
 * as text. Every page is saved as a screenshot under {@code target/ui-screenshots}.
 */
class DashboardIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
            "cascade.rollout.tick", "PT0.2S",
            "cascade.rollout.lease", "PT3S",
            "cascade.rollout.host-timeout", "PT1M",
            "cascade.gateway.presence-interval", "PT0.5S"));

    private static final String CREATE = "mutation($n: String!) { createNamespace(name: $n) { revision } }";
    private static final String PUT = "mutation($ns: String!, $s: JSON!, $c: JSON!) "
            + "{ putLayer(namespace: $ns, selector: $s, content: $c) { revision } }";
    private static final String KEY = "mutation($n: String, $r: Role!, $e: String, $d: String) "
            + "{ createApiKey(namespace: $n, role: $r, environment: $e, description: $d) { secret } }";
    private static final String RESOLVE =
            "query($ns: String!, $s: JSON!) { resolveConfig(namespace: $ns, scope: $s) { revision config } }";

    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        assertThat(Browser.available())
                .as(
                        "Chromium and chromedriver at %s and %s (Debian: chromium, chromium-driver)",
                        Browser.CHROMIUM, Browser.CHROMEDRIVER)
                .isTrue();
        browser = new Browser(SERVER.get().baseUrl());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** No page threw, and the browser blocked nothing under the dashboard's content security policy. */
    @AfterEach
    void thePagesRanCleanly() {
        assertThat(browser.console())
                .noneMatch(line -> line.contains("Uncaught") || line.contains("Content Security Policy"));
    }

    private static GraphQlClient admin() {
        return SERVER.get().client();
    }

    private static void namespace(String name) {
        admin().data(CREATE, vars("n", name));
    }

    private static int put(String namespace, String selector, String content) {
        return admin().data(PUT, vars("ns", namespace, "s", json(selector), "c", json(content)))
                .at("/putLayer/revision")
                .asInt();
    }

    private static String key(String namespace, String role, String description) {
        return admin().data(KEY, vars("n", namespace, "r", role, "e", null, "d", description))
                .at("/createApiKey/secret")
                .asString();
    }

    private static String resolved(String namespace, String scope, String pointer) {
        return admin().data(RESOLVE, vars("ns", namespace, "s", json(scope)))
                .at("/resolveConfig/config" + pointer)
                .toString();
    }

    @Test
    void aKeySignsInOnlyForThisTabNeverInTheUrlAndSignsOut() {
        namespace("shop");
        String viewer = key("shop", "VIEWER", "vera");

        browser.open("#/namespaces");
        browser.script("sessionStorage.clear()");
        browser.driver().navigate().refresh();
        browser.visible(By.name("apiKey")).sendKeys("not-a-key", Keys.ENTER);
        browser.text(By.cssSelector("#login .status.error"), "That key is not valid.");
        browser.screenshot("login");
        assertThat(browser.console())
                .as("the console is read: the refused key's 401 is in it")
                .anyMatch(line -> line.contains("401"));

        WebElement input = browser.visible(By.name("apiKey"));
        input.clear();
        input.sendKeys(viewer, Keys.ENTER);
        browser.text(By.id("who"), "vera · VIEWER in shop");
        browser.text(By.id("namespaces"), "shop");
        assertThat(browser.driver().findElements(By.cssSelector("#namespaces tbody tr")))
                .as("a key of one namespace sees that one only")
                .hasSize(1);
        browser.screenshot("namespaces");

        assertThat(browser.driver().getCurrentUrl()).doesNotContain(viewer);
        assertThat(browser.script("return sessionStorage.getItem('cascade.ui.apiKey')"))
                .isEqualTo(viewer);
        assertThat(browser.script("return JSON.stringify(Object.assign({}, localStorage))"))
                .asString()
                .doesNotContain(viewer);
        @SuppressWarnings("unchecked")
        List<String> loaded =
                (List<String>) browser.script("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded)
                .isNotEmpty()
                .allMatch(url -> url.startsWith(SERVER.get().baseUrl() + "/"));

        // A viewer is offered no way to change a layer.
        browser.open("#/namespaces/shop/layers");
        browser.text(By.id("editor"), "read only: your key may not change layers");
        assertThat(browser.driver().findElements(By.id("commit-layer"))).isEmpty();

        // Light and dark: the toggle overrides the system's preference and says what it switches to.
        WebElement theme = browser.visible(By.id("theme-toggle"));
        String before = theme.getText();
        theme.click();
        assertThat(browser.script("return document.documentElement.dataset.theme"))
                .isEqualTo(before.equals("Use dark theme") ? "dark" : "light");
        browser.open("#/namespaces");
        browser.text(By.id("namespaces"), "shop");
        browser.screenshot("namespaces-" + browser.script("return document.documentElement.dataset.theme"));
        browser.visible(By.id("theme-toggle")).click();

        browser.visible(By.id("logout")).click();
        browser.visible(By.name("apiKey"));
        assertThat(browser.script("return sessionStorage.getItem('cascade.ui.apiKey')"))
                .isNull();
    }

    @Test
    void aScopePickedDimensionByDimensionShowsEachLeafWithItsLayerAndACommitElsewhereAppearsLive() {
        namespace("explain");
        put(
                "explain",
                "{}",
                "{\"pool\": {\"size\": 10}, \"timeout\": 5, \"note\": \"<img src=x onerror=window.pwned=1>\"}");
        put("explain", "{\"environment\": \"prod\"}", "{\"pool\": {\"size\": 50}}");
        put("explain", "{\"environment\": \"prod\", \"site\": \"us-east-1\"}", "{\"timeout\": 7}");
        browser.signIn(TestServer.ADMIN_KEY);

        browser.open("#/namespaces/explain");
        new Select(browser.visible(By.id("scope-environment"))).selectByVisibleText("prod");
        new Select(browser.visible(By.id("scope-site"))).selectByVisibleText("us-east-1");
        WebElement size = browser.text(By.cssSelector("li[data-path='/pool/size']"), "50");
        assertThat(size.getText()).isEqualTo("size: 50set by environment=prod, site=*, tenant=*");
        assertThat(browser.text(By.cssSelector("li[data-path='/timeout']"), "7").getText())
                .isEqualTo("timeout: 7set by environment=prod, site=us-east-1, tenant=*");
        browser.text(By.id("live"), "live");
        browser.screenshot("config");

        // Server text is shown as text, never parsed as markup.
        assertThat(browser.visible(By.cssSelector("li[data-path='/note']")).getText())
                .isEqualTo("note: \"<img src=x onerror=window.pwned=1>\"set by environment=*, site=*, tenant=*");
        assertThat(browser.driver().findElements(By.cssSelector("#resolved img")))
                .isEmpty();
        assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);

        long before = System.nanoTime();
        int revision = put("explain", "{\"environment\": \"prod\"}", "{\"pool\": {\"size\": 60}}");
        browser.text(By.cssSelector("li[data-path='/pool/size']"), "60");
        long millis = (System.nanoTime() - before) / 1_000_000;
        // Measured, not asserted: timings belong in benchmarks. docs/dashboard.md records them.
        System.out.printf("dashboard: a commit made elsewhere appeared in %d ms%n", millis);
        assertThat(browser.text(By.id("config-revision"), String.valueOf(revision))
                        .getText())
                .isEqualTo(String.valueOf(revision));
        assertThat(browser.visible(By.id("live-note")).getText()).startsWith("Updated live to revision " + revision);

        // Readable on a phone: nothing wider than the screen.
        browser.resize(390, 844);
        try {
            browser.open("#/namespaces/explain");
            browser.text(By.cssSelector("li[data-path='/pool/size']"), "60");
            assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(((Number) browser.script("return window.innerWidth")).intValue());
            browser.screenshot("config-phone");
        } finally {
            browser.resize(1280, 900);
        }
    }

    @Test
    void aLayerWithAViolationShowsItAtItsPathThenCommitsOnceFixedAndHistoryRestoresIt() {
        namespace("edit");
        admin().data(
                        "mutation($ns: String!, $s: JSON!) { registerSchema(namespace: $ns, schema: $s) { revision } }",
                        vars(
                                "ns",
                                "edit",
                                "s",
                                json(
                                        "{\"type\": \"object\", \"properties\": {\"pool\": {\"type\": \"object\", \"properties\":"
                                                + " {\"size\": {\"type\": \"integer\", \"maximum\": 100}}}}}")));
        int defaults = put("edit", "{}", "{\"pool\": {\"size\": 10}}");
        browser.signIn(key("edit", "EDITOR", "eddie"));

        browser.open("#/namespaces/edit/layers");
        browser.type(By.id("selector-environment"), "prod");
        browser.type(By.id("layer-content"), "{\"pool\": {\"size\": 500}}");
        WebElement violation = browser.text(By.cssSelector("#violations li[data-path='/pool/size']"), "/pool/size");
        assertThat(violation.getText()).contains("/pool/size: ", "100");
        assertThat(browser.driver().findElement(By.id("commit-layer")).isEnabled())
                .isFalse();
        browser.screenshot("layers");

        browser.type(By.id("layer-content"), "{\"pool\": {\"size\": 80}}");
        browser.text(By.id("validation"), "Valid");
        browser.until(ExpectedConditions.elementToBeClickable(By.id("commit-layer")));
        browser.type(By.id("layer-message"), "a bigger pool in prod");
        browser.driver().findElement(By.id("commit-layer")).click();
        browser.text(By.id("layer-result"), "Committed revision " + (defaults + 1));
        assertThat(resolved("edit", "{\"environment\": \"prod\"}", "/pool/size"))
                .isEqualTo("80");

        browser.open("#/namespaces/edit/history");
        By latest = By.cssSelector("article[data-revision='" + (defaults + 1) + "']");
        browser.text(latest, "a bigger pool in prod");
        browser.driver()
                .findElement(latest)
                .findElement(By.xpath(".//button[starts-with(., 'Diff')]"))
                .click();
        browser.text(latest, "{\"size\":80}");
        browser.screenshot("history");
        By older = By.cssSelector("article[data-revision='" + defaults + "']");
        browser.driver()
                .findElement(older)
                .findElement(By.xpath(".//button[starts-with(., 'Restore')]"))
                .click();
        browser.driver()
                .findElement(older)
                .findElement(By.xpath(".//button[starts-with(., 'Confirm')]"))
                .click();
        browser.text(By.id("history-result"), "Restored revision " + defaults + " as revision " + (defaults + 2));
        assertThat(resolved("edit", "{\"environment\": \"prod\"}", "/pool/size"))
                .isEqualTo("10");
    }

    @Test
    void aRuleWithASyntaxErrorShowsACaretUnderItsColumnAndThePlaygroundEvaluatesTheFix() {
        namespace("rules");
        admin().data(
                        "mutation($ns: String!, $f: JSON!) { putFlag(namespace: $ns, flag: $f) { revision } }",
                        vars(
                                "ns",
                                "rules",
                                "f",
                                json("{\"key\": \"new-checkout\", \"type\": \"boolean\", \"variations\": {\"on\": true,"
                                        + " \"off\": false}, \"environments\": {\"prod\": {\"enabled\": true,"
                                        + " \"offVariation\": \"off\", \"rules\": [{\"id\": \"us\", \"when\":"
                                        + " \"country == \\\"US\\\"\", \"serve\": \"on\"}], \"fallthrough\": {\"serve\":"
                                        + " \"off\"}}}}")));
        browser.signIn(key("rules", "EDITOR", "rita"));

        browser.open("#/namespaces/rules/flags");
        browser.visible(By.xpath("//ul[@id='flags']//button[.='new-checkout']")).click();
        browser.text(By.id("rule-diagnostics-0"), "Rule compiles.");
        String broken = "country == \"CA\" and";
        browser.type(By.id("rule-when-0"), broken);
        WebElement caret = browser.visible(By.cssSelector("#rule-diagnostics-0 pre.caret"));
        String message = browser.visible(By.cssSelector("#rule-diagnostics-0 .status.error"))
                .getText();
        Matcher at = Pattern.compile("^(\\d+):(\\d+): DSL_SYNTAX_ERROR").matcher(message);
        assertThat(at.find()).as(message).isTrue();
        String[] lines = caret.getText().split("\n");
        assertThat(lines[0]).isEqualTo(broken);
        assertThat(lines[1].indexOf('^')).isEqualTo(Integer.parseInt(at.group(2)) - 1);
        assertThat(lines[1].trim()).isEqualTo("^");
        browser.screenshot("flags");

        browser.type(By.id("rule-when-0"), "country == \"CA\"");
        browser.text(By.id("rule-diagnostics-0"), "Rule compiles.");
        browser.visible(By.id("save-flag")).click();
        browser.text(By.id("flag-result"), "Saved flag new-checkout");

        browser.type(By.id("eval-environment"), "prod");
        browser.type(By.id("eval-context"), "{\"targetingKey\": \"u-1\", \"country\": \"CA\"}");
        browser.visible(By.id("evaluate")).click();
        By row = By.cssSelector("#eval-result tr[data-flag='new-checkout']");
        browser.text(row, "TARGETING_MATCH");
        WebElement result = browser.driver().findElement(row);
        assertThat(result.findElement(By.className("eval-value")).getText()).isEqualTo("true");
        assertThat(result.findElement(By.className("eval-variation")).getText()).isEqualTo("on");

        // A segment's condition is checked the same way.
        browser.visible(By.xpath("//button[.='New segment']")).click();
        browser.type(By.id("segment-when"), "plan in [\"pro\"");
        assertThat(browser.visible(By.cssSelector("#segment-diagnostics pre.caret"))
                        .getText())
                .startsWith("plan in [\"pro\"\n");
        assertThat(browser.visible(By.id("segment-document")).getDomProperty("value"))
                .contains("\"when\": \"plan in [\\\"pro\\\"\"");
    }

    @Test
    void aChangeRequestIsProposedApprovedWithASecondKeyAndApplied() {
        namespace("review");
        put("review", "{}", "{\"limit\": 1}");
        admin().data(
                        "mutation($ns: String!) { putEnvironmentPolicy(namespace: $ns, environment: \"prod\","
                                + " policy: {requiredApprovals: 1}) { protected } }",
                        vars("ns", "review"));
        browser.signIn(key("review", "EDITOR", "alice"));

        browser.open("#/namespaces/review/changes");
        browser.type(By.id("cr-title"), "Raise the prod limit");
        browser.type(
                By.id("cr-changes"),
                "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"limit\": 5}}]");
        browser.text(By.id("cr-check"), "Valid.");
        browser.visible(By.id("propose-change")).click();
        browser.text(By.id("cr-state"), "OPEN");
        String hash = browser.driver().getCurrentUrl().replaceFirst("^[^#]*", "");
        assertThat(browser.driver().findElements(By.id("cr-approve")))
                .as("an editor is offered no approval")
                .isEmpty();
        browser.visible(By.id("cr-apply")).click();
        browser.text(By.id("cr-result"), "APPROVAL_REQUIRED");

        browser.signIn(key("review", "APPROVER", "bob"));
        browser.open("#/namespaces/review/changes");
        browser.visible(By.xpath("//table[@id='inbox']//a[.='Raise the prod limit']"))
                .click();
        browser.text(By.id("missing"), "prod");
        browser.type(By.id("cr-comment"), "looks right");
        browser.visible(By.id("cr-approve")).click();
        browser.text(By.id("approvals"), "Approved by bob (APPROVER)");
        assertThat(browser.visible(By.id("approvals")).getText()).contains("looks right");
        browser.screenshot("changes");
        browser.visible(By.id("cr-apply")).click();
        browser.text(By.id("cr-state"), "APPLIED");
        assertThat(browser.driver().getCurrentUrl()).endsWith(hash);
        assertThat(resolved("review", "{\"environment\": \"prod\"}", "/limit")).isEqualTo("5");
    }

    @Test
    void aRolloutAdvancesAsHostsAcknowledgeAndIsAbortedFromThePage() {
        namespace("ramp");
        int base = put("ramp", "{\"environment\": \"prod\"}", "{\"rateLimit\": 100}");
        String sdkKey = SERVER.get().createKey("ramp", "SDK", "prod");
        try (Fleet hosts = new Fleet("ramp", SERVER.get().anonymousClient().withKey(sdkKey))) {
            for (int i = 0; i < 4; i++) {
                String site = i < 2 ? "us-east-1" : "eu-west-1";
                hosts.add(
                        SERVER.get().baseUrl(), sdkKey, "ramp-host-" + i, Map.of("environment", "prod", "site", site));
            }
            hosts.acknowledge();
            browser.signIn(key("ramp", "EDITOR", "rollo"));

            browser.open("#/namespaces/ramp/rollouts");
            browser.type(
                    By.id("rollout-plan"),
                    "{\"stages\": [{\"name\": \"canary\", \"hosts\": {\"sites\": [\"us-east-1\"]}, \"bakeSeconds\": 0},"
                            + " {\"name\": \"all\", \"hosts\": {\"all\": true}, \"bakeSeconds\": 3600}]}");
            browser.type(
                    By.id("rollout-changes"),
                    "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 200}}]");
            browser.type(By.id("rollout-message"), "double the rate limit");
            browser.visible(By.id("start-rollout-button")).click();
            browser.text(By.id("rollout-state"), "RUNNING");
            browser.text(By.id("rollout-revisions"), "Base revision " + base + ", candidate revision " + (base + 1));
            browser.text(By.id("current-stage"), "Current stage: canary (1 of 2)");
            browser.text(By.cssSelector("#stage-0 .targeted"), "2");
            browser.text(By.id("health-summary"), "No host has reported health");
            report(hosts, 1);

            // The canary's hosts acknowledge: the stage advances by itself and the page shows it.
            browser.until(driver -> {
                hosts.acknowledge();
                return driver.findElement(By.id("current-stage")).getText().startsWith("Current stage: all (2 of 2)");
            });
            // The canary reports on the candidate, the rest on the base; the next push carries both.
            report(hosts, 2);
            browser.until(driver -> {
                hosts.acknowledge();
                return driver.findElement(By.cssSelector("#stage-1 .applied"))
                        .getText()
                        .equals("4");
            });
            browser.textIs(By.cssSelector("#stage-0 .applied"), "2");
            browser.textIs(By.cssSelector("#stage-1 .targeted"), "4");
            browser.text(By.id("health-summary"), "requests reported");
            // The summary may already say so from the first reports, made before the canary ran the
            // candidate: the candidate's line comes with the page's next refresh.
            browser.until(
                    driver -> driver.findElements(By.cssSelector("#health-chart svg polyline[data-series='candidate']"))
                                    .size()
                            == 1);
            browser.screenshot("rollout");

            browser.type(By.id("abort-reason"), "errors in checkout");
            browser.visible(By.id("rollout-abort")).click();
            browser.text(By.id("rollout-state"), "ABORTED");
            browser.text(By.id("rollout-revisions"), "rolled back by revision " + (base + 2));
            assertThat(browser.driver().findElement(By.tagName("main")).getText())
                    .contains("Aborted: errors in checkout");
            assertThat(browser.driver().findElements(By.id("rollout-actions"))).isEmpty();

            browser.open("#/namespaces/ramp/hosts");
            browser.text(By.id("hosts"), "ramp-host-3");
            assertThat(browser.driver().findElements(By.cssSelector("#hosts tbody tr")))
                    .hasSize(4);
            browser.screenshot("hosts");
        }
    }

    @Test
    void theAuditTrailFiltersByActionAndItsChainVerifies() {
        namespace("trail");
        put("trail", "{}", "{\"a\": 1}");
        put("trail", "{\"environment\": \"prod\"}", "{\"a\": 2}");
        browser.signIn(TestServer.ADMIN_KEY);

        browser.open("#/namespaces/trail/audit");
        browser.text(By.id("audit"), "namespace.create");
        browser.type(By.id("audit-action"), "layer.put");
        browser.visible(By.cssSelector("#audit-filters button[type=submit]")).click();
        browser.until(driver -> !driver.findElement(By.id("audit")).getText().contains("namespace.create"));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#audit tbody tr"));
        assertThat(rows).hasSize(2).allMatch(row -> row.getText().contains("layer.put"));

        browser.visible(By.id("verify-audit")).click();
        browser.text(By.id("audit-verification"), "Chain valid: 3 entries verified");
        browser.screenshot("audit");
    }

    /** Every host reports 100 requests with {@code errors} errors on the revision it runs. */
    private static void report(Fleet hosts, long errors) {
        for (Fleet.Host host : hosts.hosts()) {
            hosts.report(host, 100, errors, 12.5);
        }
    }
}
