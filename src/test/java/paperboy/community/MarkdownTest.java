package paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {
    private final Markdown markdown = new Markdown();

    @Test
    void rendersCommonMark() {
        assertThat(markdown.toHtml("**Great** paper, see [the code](https://github.com/a/b)."))
                .contains("<strong>Great</strong>")
                .contains("href=\"https://github.com/a/b\"")
                .contains("rel=\"nofollow ugc noopener\"")
                .contains(">the code</a>");
        assertThat(markdown.toHtml("`x < y`")).contains("<code>x &lt; y</code>");
    }

    @Test
    void rawHtmlAndScriptComeOutAsText() {
        String html =
                markdown.toHtml(
                        "<script>alert(1)</script>\n\n"
                                + "<img src=x onerror=alert(2)> <b onclick=x>b</b>");
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain("<b ")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void dangerousLinksLoseTheirTarget() {
        for (String link :
                new String[] {
                    "javascript:alert(1)",
                    "JavaScript:alert(1)",
                    "data:text/html,<script>x</script>",
                    "vbscript:msgbox(1)",
                    " javascript:alert(1)"
                }) {
            String html =
                    markdown.toHtml(
                            "[click](" + link.replace(" ", "%20") + ") and <" + link.strip() + ">");
            assertThat(html)
                    .as(link)
                    .doesNotContainPattern("(?i)href=\"\\s*(javascript|data|vbscript)");
        }
        assertThat(markdown.toHtml("![tracker](https://evil.example/pixel.gif)"))
                .doesNotContain("evil.example");
        assertThat(markdown.toHtml("[paper](/papers/2012.11220)"))
                .contains("href=\"/papers/2012.11220\"");
    }
}
