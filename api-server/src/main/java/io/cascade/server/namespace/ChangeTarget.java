package io.cascade.server.namespace;

import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.snapshot.Change;
import java.util.List;

/**
 * The object a change acts on, named the same way whichever change it is: {@code layer
 * (prod,*,*)}, {@code flag new-checkout}, {@code segment beta}, {@code schema}, {@code attributes},
 * {@code namespace}. Two changes with the same target change the same object.
 */
public final class ChangeTarget implements Change.Visitor<String> {

    private static final ChangeTarget INSTANCE = new ChangeTarget();

    private ChangeTarget() {}

    public static String of(Change change) {
        return change.accept(INSTANCE);
    }

    /** {@code (prod,*,*)}. */
    public static String tuple(List<String> selector) {
        return "(" + String.join(",", selector) + ")";
    }

    @Override
    public String namespaceCreated(Change.NamespaceCreated change) {
        return "namespace";
    }

    @Override
    public String layerPut(Change.LayerPut change) {
        return "layer " + tuple(change.selector());
    }

    @Override
    public String layerDeleted(Change.LayerDeleted change) {
        return "layer " + tuple(change.selector());
    }

    @Override
    public String schemaRegistered(Change.SchemaRegistered change) {
        return "schema";
    }

    @Override
    public String flagPut(Change.FlagPut change) {
        return "flag " + change.key();
    }

    @Override
    public String flagDeleted(Change.FlagDeleted change) {
        return "flag " + change.key();
    }

    @Override
    public String segmentPut(Change.SegmentPut change) {
        return "segment " + change.key();
    }

    @Override
    public String segmentDeleted(Change.SegmentDeleted change) {
        return "segment " + change.key();
    }

    @Override
    public String attributesDeclared(Change.AttributesDeclared change) {
        return "attributes";
    }

    /** The selector of a layer change, for callers that have a layer target in hand. */
    static Selector selectorOf(Change change) {
        return change.accept(new Change.Visitor<Selector>() {
            @Override
            public Selector namespaceCreated(Change.NamespaceCreated c) {
                return null;
            }

            @Override
            public Selector layerPut(Change.LayerPut c) {
                return new Selector(c.selector());
            }

            @Override
            public Selector layerDeleted(Change.LayerDeleted c) {
                return new Selector(c.selector());
            }

            @Override
            public Selector schemaRegistered(Change.SchemaRegistered c) {
                return null;
            }

            @Override
            public Selector flagPut(Change.FlagPut c) {
                return null;
            }

            @Override
            public Selector flagDeleted(Change.FlagDeleted c) {
                return null;
            }

            @Override
            public Selector segmentPut(Change.SegmentPut c) {
                return null;
            }

            @Override
            public Selector segmentDeleted(Change.SegmentDeleted c) {
                return null;
            }

            @Override
            public Selector attributesDeclared(Change.AttributesDeclared c) {
                return null;
            }
        });
    }
}
