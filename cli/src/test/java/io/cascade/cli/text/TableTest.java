package io.cascade.cli.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedTwoSpacesApartWithoutTrailingBlanks() {
        String table = Table.of("NAME", "REVISION", "MESSAGE")
                .row("checkout", 12, "first")
                .row("a", 3, null)
                .render();
        assertThat(table).isEqualTo("""
                NAME      REVISION  MESSAGE
                checkout  12        first
                a         3         -
                """);
    }

    @Test
    void aTableWithoutRowsPrintsItsHeader() {
        assertThat(Table.of("KEY", "TYPE").render()).isEqualTo("KEY  TYPE\n");
    }

    @Test
    void lineBreaksInCellsBecomeSpaces() {
        assertThat(Table.of("A").row("x\ny").render()).isEqualTo("A\nx y\n");
    }

    @Test
    void longCellsAreCut() {
        String line =
                Table.of("A").row("x".repeat(200)).render().lines().toList().get(1);
        assertThat(line).hasSize(80).endsWith("...");
    }

    @Test
    void rowsMustHaveOneValuePerColumn() {
        assertThatThrownBy(() -> Table.of("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertiesAlignTheirValues() {
        assertThat(Table.properties(List.of(new String[] {"name", "checkout"}, new String[] {"revision", "7"})))
                .isEqualTo("name      checkout\nrevision  7\n");
    }
}
