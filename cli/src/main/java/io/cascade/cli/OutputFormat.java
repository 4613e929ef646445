package io.cascade.cli;

import java.util.Locale;
import picocli.CommandLine;

/** How read commands print: a table for people, or JSON for scripts. */
enum OutputFormat {
    TABLE,
    JSON;

    /** Accepts {@code table} and {@code json} in any case. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected table or json, got '" + value + "'");
            }
        }
    }
}
