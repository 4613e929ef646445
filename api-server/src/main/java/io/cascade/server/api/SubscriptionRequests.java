package io.cascade.server.api;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a GraphQL request over HTTP selects a subscription operation. Only a body that contains the
 * word is parsed; a query that does not parse is left to GraphQL, which reports it with its own code.
 */
final class SubscriptionRequests {

    private static final byte[] WORD = "subscription".getBytes(StandardCharsets.US_ASCII);

    private SubscriptionRequests() {}

    static boolean isSubscription(byte[] body, JsonMapper json) {
        if (!contains(body, WORD)) {
            return false;
        }
        try {
            JsonNode request = json.readTree(body);
            String query = request.path("query").asString(null);
            if (query == null) {
                return false;
            }
            String operationName = request.path("operationName").asString(null);
            Document document = Parser.parse(query);
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            OperationDefinition selected = null;
            for (OperationDefinition operation : operations) {
                if (operationName == null ? operations.size() == 1 : operationName.equals(operation.getName())) {
                    selected = operation;
                }
            }
            return selected != null && selected.getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
