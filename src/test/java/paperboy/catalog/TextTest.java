package paperboy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void controlCharactersAreDroppedAndLineBreaksBecomeSpaces() {
        assertThat(Text.withoutControls("Null\u0000byte\u0007 \u001b[31mred\u009b"))
                .isEqualTo("Nullbyte [31mred");
        assertThat(Text.withoutControls("two\nlines\tand\rmore")).isEqualTo("two lines and more");
        assertThat(Text.withoutControls("not\uFFFEa character")).isEqualTo("nota character");
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String clean = "Fixed-point theorems — über alles ✓";
        assertThat(Text.withoutControls(clean)).isSameAs(clean);
    }
}
