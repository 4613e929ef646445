package io.cascade.server.api;

import io.cascade.gateway.graphql.ExactNumbers;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a request body must be before GraphQL reads it, checked in one streaming pass:
 *
 * <ul>
 *   <li>one JSON object, nothing after it, with a string {@code query}, an object {@code
 *       variables}, a string {@code operationName} and an object {@code extensions}, each optional
 *       but the query ({@code BAD_REQUEST} otherwise);
 *   <li>nested no deeper than the limit ({@code LIMIT_EXCEEDED}, {@code limit: jsonDepth});
 *   <li>no member twice in one object: in the request itself that is {@code BAD_REQUEST}, in the
 *       variables or extensions {@code BAD_USER_INPUT}. Jackson would keep the last one, while a
 *       proxy or log filter reading the first would see another request;
 *   <li>text that is valid Unicode: no lone UTF-16 surrogate in any string, the query included
 *       ({@code BAD_USER_INPUT}). No store, hash or UTF-8 encoder keeps such text as it was, so it
 *       is refused here, before anything could keep it. (Jackson itself refuses one in a member
 *       name, and bytes that are not UTF-8, as a body that is not JSON: {@code BAD_REQUEST}.)
 *   <li>only numbers the server keeps exactly ({@link ExactNumbers}; {@code BAD_USER_INPUT}).
 * </ul>
 *
 * The first problem is thrown as a {@link CascadeException} carrying its code. Jackson reads the
 * body again afterwards, the same way, so what passes here is what GraphQL gets.
 */
final class RequestBody {

    private static final String NOT_A_REQUEST = "not a GraphQL request: expected a JSON object with a string 'query'";
    private static final int SHOWN_CHARACTERS = 80;

    private final JsonParser parser;
    private final int maxDepth;
    /** The member names seen so far in each object being read, innermost first. */
    private final Deque<Set<String>> members = new ArrayDeque<>();

    private int depth;

    private RequestBody(JsonParser parser, int maxDepth) {
        this.parser = parser;
        this.maxDepth = maxDepth;
    }

    /** Throws the first problem with {@code body}; returns when there is none. */
    static void check(byte[] body, JsonMapper json, int maxDepth) {
        try (JsonParser parser = json.createParser(body)) {
            new RequestBody(parser, maxDepth).scan();
        } catch (JacksonException e) {
            throw new CascadeException(ApiErrorCode.BAD_REQUEST, "body is not JSON: " + shown(e.getOriginalMessage()));
        }
    }

    private void scan() {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw notARequest(NOT_A_REQUEST);
        }
        depth = 1;
        members.push(new HashSet<>());
        boolean query = false;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (depth == 0) {
                throw notARequest("the body must be one JSON object, but more follows it");
            }
            if (token == JsonToken.PROPERTY_NAME) {
                String member = parser.currentName();
                requireFirst(member);
                if (depth > 1) {
                    continue;
                }
                token = parser.nextToken();
                requireRequestMember(member, token);
                query |= "query".equals(member);
            }
            value(token);
        }
        if (!query) {
            throw notARequest(NOT_A_REQUEST);
        }
    }

    private void value(JsonToken token) {
        switch (token) {
            case START_OBJECT -> {
                enter();
                members.push(new HashSet<>());
            }
            case START_ARRAY -> enter();
            case END_OBJECT -> {
                members.pop();
                depth--;
            }
            case END_ARRAY -> depth--;
            case VALUE_STRING -> requireUnicode(parser.getString());
            case VALUE_NUMBER_FLOAT -> requireExact();
            default -> {}
        }
    }

    /** The request's own members: the variables, extensions and so on may nest {@code maxDepth} below them. */
    private void enter() {
        depth++;
        if (depth > maxDepth + 2) {
            throw new CascadeException(
                    ApiErrorCode.LIMIT_EXCEEDED,
                    "JSON nesting depth is more than the limit of " + maxDepth,
                    Map.of("limit", "jsonDepth", "max", maxDepth));
        }
    }

    private static void requireRequestMember(String member, JsonToken value) {
        if ("query".equals(member) && value != JsonToken.VALUE_STRING) {
            throw notARequest(NOT_A_REQUEST);
        }
        if ("variables".equals(member) && value != JsonToken.START_OBJECT && value != JsonToken.VALUE_NULL) {
            throw notARequest("not a GraphQL request: 'variables' must be a JSON object");
        }
        if ("operationName".equals(member) && value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
            throw notARequest("not a GraphQL request: 'operationName' must be a string");
        }
        if ("extensions".equals(member) && value != JsonToken.START_OBJECT && value != JsonToken.VALUE_NULL) {
            throw notARequest("not a GraphQL request: 'extensions' must be a JSON object");
        }
    }

    private void requireFirst(String member) {
        if (members.peek().add(member)) {
            return;
        }
        String message = "member '" + shown(member) + "' appears twice";
        if (depth == 1) {
            throw notARequest(message + " in the request; name each member once");
        }
        throw CascadeException.badInput(message + " at " + where() + "; name each member once");
    }

    private void requireExact() {
        BigDecimal value = parser.getDecimalValue();
        if (ExactNumbers.keep(value) == null) {
            throw CascadeException.badInput("number " + shown(parser.getString()) + " at " + where()
                    + " cannot be kept exactly: " + ExactNumbers.whyNot(value)
                    + "; send it as a string, or with no more precision than a 64-bit double has");
        }
    }

    private void requireUnicode(String text) {
        int at = loneSurrogate(text);
        if (at >= 0) {
            throw CascadeException.badInput("text at " + where() + " is not valid Unicode: a lone surrogate "
                    + String.format("\\u%04x", (int) text.charAt(at)) + " at character " + at);
        }
    }

    /** The index of the first UTF-16 surrogate in {@code text} that is not half of a pair, or -1. */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /** Where the parser is, as a JSON Pointer into the body, shown safely. */
    private String where() {
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "/" : shown(pointer);
    }

    /** Text from the request as it may appear in a message: shortened, with every control or surrogate escaped. */
    static String shown(String text) {
        String cut = text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) : text;
        StringBuilder out = new StringBuilder(cut.length() + 8);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean escape = Character.isISOControl(c)
                    || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT
                    || c == '\u2028'
                    || c == '\u2029';
            out.append(escape ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return cut.length() < text.length() ? out.append("...").toString() : out.toString();
    }

    private static CascadeException notARequest(String message) {
        return new CascadeException(ApiErrorCode.BAD_REQUEST, message);
    }
}
