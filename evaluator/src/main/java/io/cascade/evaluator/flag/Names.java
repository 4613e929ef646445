package io.cascade.evaluator.flag;

/** The naming rules of flag and segment documents, as {@link io.cascade.rules.Names} defines them. All static. */
final class Names {

    private Names() {}

    /** Flag and segment keys. */
    static boolean isKey(String s) {
        return io.cascade.rules.Names.isName(s);
    }

    /** Variation names and rule ids: like keys, upper case allowed. */
    static boolean isId(String s) {
        return io.cascade.rules.Names.isId(s);
    }

    /** Environment names follow dimension values. */
    static boolean isEnvironment(String s) {
        return io.cascade.rules.Names.isDimensionValue(s);
    }

    static String keyRule() {
        return io.cascade.rules.Names.NAME_RULE;
    }

    static String idRule() {
        return io.cascade.rules.Names.ID_RULE;
    }
}
