package io.cascade.server.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store writes documents and index entries: as BSON, and index keys compared as
 * values, element by element, in MongoDB's order.
 *
 * <p>NOTES. H2's default type writes anything that is not a plain Java value with Java
 * serialization, and compares two such keys by serializing both: an index lookup serialized dozens
 * of keys, the largest cost of a write. A stored value starts with a tag byte that H2's default type
 * never writes, so values written before this type existed still read (through that type), and a
 * value BSON cannot hold (none of ours) falls back to it. Keys need more than that: their order
 * changed, so {@link StoreFormat} rebuilds the index maps of an older store once.
 */
final class BsonDataType extends BasicDataType<Object> {

    static final BsonDataType INSTANCE = new BsonDataType();

    /** Tags above every tag of {@link ObjectDataType} (its largest is 119). */
    private static final byte DOCUMENT = (byte) 0xE1;

    private static final byte KEY = (byte) 0xE2;
    private static final byte VALUE = (byte) 0xE3;
    private static final String ONLY = "v";
    private static final ValueComparator ORDER = ValueComparator.asc();

    private final ObjectDataType fallback = new ObjectDataType();

    private BsonDataType() {}

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            int common = Math.min(x.size(), y.size());
            for (int i = 0; i < common; i++) {
                int order = compareValues(x.get(i), y.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return fallback.compare(a, b);
    }

    /**
     * MongoDB's order, made consistent with equality as the unique index needs it: values that
     * order sorts together (arrays inside documents, say) but that differ are told apart by their
     * BSON bytes, as are values it cannot sort.
     */
    private int compareValues(Object a, Object b) {
        int order;
        try {
            order = ORDER.compare(a, b);
        } catch (RuntimeException unsortable) {
            order = 0;
        }
        if (order != 0 || Objects.equals(a, b)) {
            return order;
        }
        byte[] x = bytesOf(a);
        byte[] y = bytesOf(b);
        if (x == null || y == null) {
            return fallback.compare(a, b);
        }
        return Arrays.compareUnsigned(x, y);
    }

    private static byte[] bytesOf(Object value) {
        ByteBuf bson = Unpooled.buffer(64);
        try {
            BsonEncoder.encodeDocument(new Document(ONLY, value), bson);
        } catch (RuntimeException notBson) {
            return null;
        }
        byte[] bytes = new byte[bson.readableBytes()];
        bson.readBytes(bytes);
        return bytes;
    }

    @Override
    public int getMemory(Object value) {
        return 24 + estimate(value, 0);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        ByteBuf bson = Unpooled.buffer(256);
        byte tag;
        try {
            if (value instanceof Document document) {
                tag = DOCUMENT;
                BsonEncoder.encodeDocument(document, bson);
            } else if (value instanceof KeyValue key) {
                tag = KEY;
                BsonEncoder.encodeDocument(new Document(ONLY, key.stream().toList()), bson);
            } else {
                tag = VALUE;
                BsonEncoder.encodeDocument(new Document(ONLY, value), bson);
            }
        } catch (RuntimeException notBson) {
            fallback.write(buffer, value);
            return;
        }
        buffer.put(tag);
        buffer.put(bson.nioBuffer());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte tag = buffer.get(buffer.position());
        if (tag != DOCUMENT && tag != KEY && tag != VALUE) {
            return fallback.read(buffer);
        }
        buffer.get();
        int length = Integer.reverseBytes(buffer.getInt(buffer.position()));
        ByteBuffer bytes = buffer.slice();
        bytes.limit(length);
        buffer.position(buffer.position() + length);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
        return switch (tag) {
            case DOCUMENT -> document;
            case KEY -> new KeyValue((List<?>) document.get(ONLY));
            default -> document.get(ONLY);
        };
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /** A rough size in memory, for H2's page cache: it needs no more than that. */
    private static int estimate(Object value, int depth) {
        if (depth > 32) {
            return 64;
        }
        if (value instanceof String text) {
            return 40 + 2 * text.length();
        }
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 32 + estimate(entry.getKey(), depth + 1) + estimate(entry.getValue(), depth + 1);
            }
            return size;
        }
        if (value instanceof Collection<?> items) {
            int size = 40;
            for (Object item : items) {
                size += 8 + estimate(item, depth + 1);
            }
            return size;
        }
        if (value instanceof KeyValue key) {
            int size = 40;
            for (Object item : key) {
                size += 8 + estimate(item, depth + 1);
            }
            return size;
        }
        return 24;
    }
}
