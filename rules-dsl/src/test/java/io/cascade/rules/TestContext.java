package io.cascade.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A {@link RuleContext} for tests: attributes from a map, segments as sets, a fixed clock. */
public final class TestContext implements RuleContext {

    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, Set<String>> segments = new HashMap<>();
    private long nowMillis;

    public static TestContext context() {
        return new TestContext();
    }

    public static TestContext with(String path, Object value) {
        return context().set(path, value);
    }

    public TestContext set(String path, Object value) {
        attributes.put(path, value);
        return this;
    }

    public TestContext member(String segment, String value) {
        segments.computeIfAbsent(segment, s -> new HashSet<>()).add(value);
        return this;
    }

    public TestContext now(long millis) {
        this.nowMillis = millis;
        return this;
    }

    @Override
    public Object attribute(String path) {
        return attributes.get(path);
    }

    @Override
    public long nowMillis() {
        return nowMillis;
    }

    @Override
    public boolean inSegment(String segment, String value) {
        return segments.getOrDefault(segment, Set.of()).contains(value);
    }
}
