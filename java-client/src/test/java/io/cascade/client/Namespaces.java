package io.cascade.client;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;

import io.cascade.testsupport.GraphQlClient;
import java.util.List;

/** Sets up namespaces on a real server for the client's integration tests. */
final class Namespaces {

    static final String PUT_LAYER = "mutation($ns: String!, $s: JSON!, $c: JSON!) "
            + "{ putLayer(namespace: $ns, selector: $s, content: $c) { revision } }";
    static final String PUT_FLAG =
            "mutation($ns: String!, $f: JSON!) { putFlag(namespace: $ns, flag: $f) { revision } }";
    static final String PUT_SEGMENT =
            "mutation($ns: String!, $s: JSON!) { putSegment(namespace: $ns, segment: $s) { revision } }";
    static final String KEY = "mutation($ns: String, $role: Role!, $env: String) "
            + "{ createApiKey(namespace: $ns, role: $role, environment: $env) { secret } }";

    /** Flags covering targets, rules, splits, segments and every type; all defined in prod. */
    static final List<String> FLAGS = List.of("""
            {"key": "new-checkout", "type": "boolean", "variations": {"on": true, "off": false},
             "environments": {"prod": {"enabled": true, "offVariation": "off",
               "targets": {"on": ["user-1", "user-2"]},
               "rules": [
                 {"id": "beta", "when": "tenant in segment(\\"beta-tenants\\")", "serve": "on"},
                 {"id": "us", "when": "country == \\"US\\"",
                  "split": [{"serve": "on", "weight": 25}, {"serve": "off", "weight": 75}]}],
               "fallthrough": {"serve": "off"}}}}
            """, """
            {"key": "banner", "type": "string", "variations": {"blue": "blue", "green": "green", "red": "red"},
             "environments": {"prod": {"enabled": true, "offVariation": "blue",
               "rules": [{"id": "old", "when": "appVersion < 42", "serve": "red"},
                         {"id": "mail", "when": "email endsWith \\"@example.com\\"", "serve": "green"}],
               "fallthrough": {"split": [{"serve": "blue", "weight": 50.5}, {"serve": "green", "weight": 49.5}]}}}}
            """, """
            {"key": "pool-size", "type": "number", "variations": {"small": 5, "large": 50, "half": 7.5},
             "environments": {"prod": {"enabled": true, "offVariation": "small",
               "rules": [{"id": "big", "when": "plan in [\\"enterprise\\", \\"pro\\"] and appVersion >= 50", "serve": "large"}],
               "fallthrough": {"serve": "half"}}}}
            """, """
            {"key": "limits", "type": "json",
             "variations": {"low": {"rps": 10, "tags": ["a"]}, "high": {"rps": 1000, "tags": ["a", "b"]}},
             "environments": {"prod": {"enabled": true, "offVariation": "low",
               "rules": [{"id": "not-eu", "when": "not (region matches \\"^eu-\\")", "serve": "high"}],
               "fallthrough": {"serve": "low"}}}}
            """, """
            {"key": "dark", "type": "boolean", "variations": {"on": true, "off": false},
             "environments": {"prod": {"enabled": false, "offVariation": "off", "fallthrough": {"serve": "on"}}}}
            """, """
            {"key": "dev-only", "type": "boolean", "variations": {"on": true, "off": false},
             "environments": {"dev": {"enabled": true, "offVariation": "off", "fallthrough": {"serve": "on"}}}}
            """);

    static final String SEGMENT = """
            {"key": "beta-tenants", "included": ["acme"], "excluded": ["initech"], "when": "plan == \\"enterprise\\""}
            """;

    private Namespaces() {}

    /** A namespace with a prod layer, a segment and the flags; returns an SDK key of prod. */
    static String create(GraphQlClient admin, String namespace) {
        admin.data("mutation($n: String!) { createNamespace(name: $n) { revision } }", vars("n", namespace));
        admin.data(
                PUT_LAYER,
                vars(
                        "ns",
                        namespace,
                        "s",
                        json("{\"environment\": \"prod\"}"),
                        "c",
                        json("{\"pool\": {\"size\": 10, \"name\": \"main\"}, \"color\": \"blue\"}")));
        admin.data(PUT_SEGMENT, vars("ns", namespace, "s", json(SEGMENT)));
        for (String flag : FLAGS) {
            admin.data(PUT_FLAG, vars("ns", namespace, "f", json(flag)));
        }
        // declared attributes: the rules are type-checked and compiled typed, on the server and in the client
        admin.data(
                "mutation($ns: String!, $a: JSON!) { putAttributes(namespace: $ns, attributes: $a) { revision } }",
                vars(
                        "ns",
                        namespace,
                        "a",
                        json("{\"country\": \"string\", \"plan\": \"string\", \"tenant\": \"string\","
                                + " \"region\": \"string\", \"appVersion\": \"number\", \"email\": \"string\"}")));
        return admin.data(KEY, vars("ns", namespace, "role", "SDK", "env", "prod"))
                .at("/createApiKey/secret")
                .asString();
    }

    static int putLayer(GraphQlClient admin, String namespace, String selector, String content) {
        return admin.data(PUT_LAYER, vars("ns", namespace, "s", json(selector), "c", json(content)))
                .at("/putLayer/revision")
                .asInt();
    }
}
