package io.cascade.server.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The database every store class uses, with a gate in front: while {@link StoreHealth} says the
 * store is down, any call that would talk to it throws {@code STORE_UNAVAILABLE} at once, so no
 * caller waits for the driver's timeouts (holding a namespace lock, say) on a store known to be
 * gone. Getters and {@code with...} copies pass through, and the databases and collections they
 * return are gated too.
 *
 * <p>NOTES: a call is gated when it is made; {@code find(...)} returns a lazy iterable that talks to
 * the store when it is read, which every caller does at once. One iterable kept and read after the
 * store went down meets the driver's own timeouts instead.
 */
final class StoreGate implements InvocationHandler {

    private final Object target;
    private final StoreHealth health;

    private StoreGate(Object target, StoreHealth health) {
        this.target = target;
        this.health = health;
    }

    static MongoDatabase gated(MongoDatabase database, StoreHealth health) {
        return (MongoDatabase) proxy(MongoDatabase.class, database, health);
    }

    private static Object proxy(Class<?> type, Object target, StoreHealth health) {
        return Proxy.newProxyInstance(
                StoreGate.class.getClassLoader(), new Class<?>[] {type}, new StoreGate(target, health));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
        }
        String name = method.getName();
        if (!name.startsWith("get") && !name.startsWith("with")) {
            health.requireUp();
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof MongoCollection<?> collection) {
            return proxy(MongoCollection.class, collection, health);
        }
        if (result instanceof MongoDatabase database) {
            return proxy(MongoDatabase.class, database, health);
        }
        return result;
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "gated " + target;
            default -> method.invoke(target, args);
        };
    }
}
