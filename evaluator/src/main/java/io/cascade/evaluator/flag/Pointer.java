package io.cascade.evaluator.flag;

/** JSON Pointer (RFC 6901) building. All static. */
final class Pointer {

    private Pointer() {}

    static String child(String parent, String token) {
        return parent + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
