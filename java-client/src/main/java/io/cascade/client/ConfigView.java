package io.cascade.client;

/**
 * A typed view of one part of the resolved config, from {@link CascadeClient#view(String, Class)}:
 * the object is built when a revision that changes that part is applied, never on {@link #get()},
 * which reads one field. Thread-safe.
 *
 * @param <T> the record or POJO type the part binds to
 */
public interface ConfigView<T> {

    /** The current object; null when the config has nothing at {@link #pointer()}. */
    T get();

    /** The JSON Pointer of the part, {@code ""} for the whole config. */
    String pointer();

    /** The config revision the current object was built from. */
    long revision();
}
