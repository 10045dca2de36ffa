package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import paperboy.web.Views.TextPart;

class TextLinksTest {
    private static String joined(List<TextPart> parts) {
        return String.join("", parts.stream().map(TextPart::text).toList());
    }

    private static List<String> links(String text) {
        return TextLinks.of(text).stream()
                .filter(p -> p.href() != null)
                .map(TextPart::href)
                .toList();
    }

    @Test
    void webAddressesBecomeLinksAndTheTextStaysWhole() {
        // The end of arXiv 2601.00212's abstract in the sample, as many abstracts end.
        String text =
                "Code is available at https://github.com/han-liu/IntraStyler. Data at"
                        + " (http://example.org/data_(v2)) and <https://x.org/a>.";
        List<TextPart> parts = TextLinks.of(text);
        assertThat(joined(parts)).isEqualTo(text);
        assertThat(links(text))
                .containsExactly(
                        "https://github.com/han-liu/IntraStyler",
                        "http://example.org/data_(v2)",
                        "https://x.org/a");
        assertThat(parts.getFirst()).isEqualTo(new TextPart("Code is available at ", null));
    }

    @Test
    void onlyHttpAndHttpsAreLinked() {
        String text =
                "javascript:alert(1) data:text/html,<b>x</b> ftp://old.example.org"
                        + " JAVASCRIPT://%0aalert(1) https:// and http://";
        assertThat(links(text)).isEmpty();
        assertThat(joined(TextLinks.of(text))).isEqualTo(text);
        assertThat(links("xhttps://evil.example")).isEmpty();
        assertThat(links("HTTPS://Example.org/A")).containsExactly("HTTPS://Example.org/A");
    }

    @Test
    void aVeryLongAddressIsOneLink() {
        String url = "https://example.org/" + "a".repeat(280);
        assertThat(links("see " + url + ", thanks")).containsExactly(url);
        assertThat(TextLinks.of("")).isEmpty();
    }
}
