package io.cascade.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.ast.Expr;
import io.cascade.rules.ast.Printer;
import io.cascade.rules.parse.AstBuilder;
import io.cascade.rules.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each {@code src/test/resources/golden/<stage>/*.txt} holds an input, a line
 * {@value #SEPARATOR}, and the expected output. Run with {@code -Dgolden.update=true} to rewrite
 * the expected parts from the current behaviour, then review the diff.
 *
 * <p>{@code parse/}: the tree outline and the printed source, or the rendered diagnostics.
 * {@code check/}: "ok" or the rendered diagnostics, compiled against {@link #CHECK_SCHEMA}.
 */
class GoldenFilesTest {

    static final String SEPARATOR = "----";
    static final Path ROOT = Path.of("src", "test", "resources", "golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static final AttributeSchema CHECK_SCHEMA = AttributeSchema.of(Map.ofEntries(
            Map.entry("country", AttributeType.STRING),
            Map.entry("plan", AttributeType.STRING),
            Map.entry("email", AttributeType.STRING),
            Map.entry("region", AttributeType.STRING),
            Map.entry("tenant", AttributeType.STRING),
            Map.entry("hostId", AttributeType.STRING),
            Map.entry("sdkVersion", AttributeType.STRING),
            Map.entry("appVersion", AttributeType.NUMBER),
            Map.entry("beta", AttributeType.BOOLEAN),
            Map.entry("tags", AttributeType.LIST),
            Map.entry("createdAt", AttributeType.DATETIME),
            Map.entry("user.tier", AttributeType.STRING)));

    @TestFactory
    Stream<DynamicTest> parse() throws IOException {
        return goldenTests("parse", GoldenFilesTest::parseOutput);
    }

    @TestFactory
    Stream<DynamicTest> check() throws IOException {
        RuleCompiler compiler =
                RuleCompiler.builder().attributeSchema(CHECK_SCHEMA).build();
        return goldenTests("check", input -> checkOutput(compiler, input));
    }

    private static String parseOutput(String input) {
        ParseResult result = AstBuilder.parse(input, Limits.defaults());
        if (result.expr().isEmpty()) {
            return render(result.diagnostics(), input);
        }
        Expr expr = result.expr().get();
        return Printer.tree(expr) + "printed: " + Printer.print(expr) + "\n";
    }

    private static String checkOutput(RuleCompiler compiler, String input) {
        CompileResult result = compiler.compile(input);
        return result.ok() ? "ok\n" : render(result.diagnostics(), input);
    }

    private static String render(List<Diagnostic> diagnostics, String input) {
        return diagnostics.stream()
                .map(d -> d.code() + "\n" + d.render(input) + "\n")
                .collect(Collectors.joining());
    }

    private static Stream<DynamicTest> goldenTests(String stage, Function<String, String> run) throws IOException {
        Path dir = ROOT.resolve(stage);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".txt")).sorted().collect(Collectors.toList());
        }
        assertThat(files).as("golden files in %s", dir).isNotEmpty();
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(
                        stage + "/" + file.getFileName(), file.toUri(), () -> verify(file, run)));
    }

    private static void verify(Path file, Function<String, String> run) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int at = content.indexOf("\n" + SEPARATOR + "\n");
        String input = at < 0 ? stripFinalNewline(content) : content.substring(0, at);
        String expected = at < 0 ? "" : content.substring(at + SEPARATOR.length() + 2);
        String actual = run.apply(input);
        if (UPDATE) {
            Files.writeString(file, input + "\n" + SEPARATOR + "\n" + actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual)
                .as("%s (rerun with -Dgolden.update=true to accept)", file)
                .isEqualTo(expected);
    }

    private static String stripFinalNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
