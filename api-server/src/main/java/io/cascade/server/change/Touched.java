package io.cascade.server.change;

import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Snapshot;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environments a list of changes touches: a layer change the environment its selector names
 * ({@code *}: every one); a flag change those whose block or served variations differ (a change of
 * type, salt or archived state: every one the flag has a block for); a segment change every one.
 * Schema and attribute changes touch none.
 */
public record Touched(boolean all, Set<String> named) {

    public Touched {
        named = Collections.unmodifiableSet(new TreeSet<>(named));
    }

    public boolean touches(String environment) {
        return all || named.contains(environment);
    }

    /** What {@code changes}, applied in order to {@code before}, touch. */
    public static Touched of(Snapshot before, List<Change> changes) {
        Visitor visitor = new Visitor(before, before.dimensions().indexOf(Policies.ENVIRONMENT));
        for (Change change : changes) {
            change.accept(visitor);
        }
        return new Touched(visitor.all, visitor.named);
    }

    private static final class Visitor implements Change.Visitor<Void> {
        private final Snapshot before;
        private final int dimension;
        private final Set<String> named = new TreeSet<>();
        private boolean all;

        Visitor(Snapshot before, int dimension) {
            this.before = before;
            this.dimension = dimension;
        }

        @Override
        public Void namespaceCreated(Change.NamespaceCreated change) {
            return null;
        }

        @Override
        public Void layerPut(Change.LayerPut change) {
            return selector(change.selector());
        }

        @Override
        public Void layerDeleted(Change.LayerDeleted change) {
            return selector(change.selector());
        }

        private Void selector(List<String> values) {
            if (dimension < 0 || Selector.ANY.equals(values.get(dimension))) {
                all = true;
            } else {
                named.add(values.get(dimension));
            }
            return null;
        }

        @Override
        public Void schemaRegistered(Change.SchemaRegistered change) {
            return null;
        }

        @Override
        public Void flagPut(Change.FlagPut change) {
            Documents.Entry old = before.flags().get(change.key());
            flag(old == null ? Map.of() : old.document(), change.document());
            return null;
        }

        @Override
        public Void flagDeleted(Change.FlagDeleted change) {
            Documents.Entry old = before.flags().get(change.key());
            flag(old == null ? Map.of() : old.document(), Map.of());
            return null;
        }

        private void flag(Map<String, Object> old, Map<String, Object> now) {
            Map<String, Object> oldEnvironments = map(old.get("environments"));
            Map<String, Object> newEnvironments = map(now.get("environments"));
            Set<String> environments = new TreeSet<>(oldEnvironments.keySet());
            environments.addAll(newEnvironments.keySet());
            boolean whole = !Objects.equals(old.get("type"), now.get("type"))
                    || !Objects.equals(old.get("salt"), now.get("salt"))
                    || !Objects.equals(old.get("archived"), now.get("archived"));
            Map<String, Object> oldVariations = map(old.get("variations"));
            Map<String, Object> newVariations = map(now.get("variations"));
            for (String environment : environments) {
                Object oldBlock = oldEnvironments.get(environment);
                Object newBlock = newEnvironments.get(environment);
                if (whole
                        || !Objects.equals(oldBlock, newBlock)
                        || servedDiffer(newBlock, oldVariations, newVariations)) {
                    named.add(environment);
                }
            }
        }

        private static boolean servedDiffer(Object block, Map<String, Object> old, Map<String, Object> now) {
            Set<String> served = new TreeSet<>();
            collectServed(block, served);
            for (String variation : served) {
                if (!Objects.equals(old.get(variation), now.get(variation))) {
                    return true;
                }
            }
            return false;
        }

        /** Every variation name a block can serve: offVariation, targets, and each serve in rules and splits. */
        private static void collectServed(Object node, Set<String> out) {
            if (node instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    if ((key.equals("serve") || key.equals("offVariation")) && entry.getValue() instanceof String s) {
                        out.add(s);
                    } else if (key.equals("targets") && entry.getValue() instanceof Map<?, ?> targets) {
                        targets.keySet().forEach(variation -> out.add(String.valueOf(variation)));
                    } else {
                        collectServed(entry.getValue(), out);
                    }
                }
            } else if (node instanceof List<?> list) {
                list.forEach(item -> collectServed(item, out));
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(Object value) {
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        @Override
        public Void segmentPut(Change.SegmentPut change) {
            all = true;
            return null;
        }

        @Override
        public Void segmentDeleted(Change.SegmentDeleted change) {
            all = true;
            return null;
        }

        @Override
        public Void attributesDeclared(Change.AttributesDeclared change) {
            return null;
        }
    }
}
