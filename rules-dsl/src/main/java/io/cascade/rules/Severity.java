package io.cascade.rules;

/** How serious a {@link Diagnostic} is. Every diagnostic the compiler emits today is an error. */
public enum Severity {
    ERROR,
    WARNING
}
