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

    @Test
    void aCommentOfNestedListMarkersRendersAsEscapedTextInsteadOfOverflowingTheStack() {
        String bomb = "- ".repeat(4995) + "<b>x</b>"; // 9,998 characters
        assertThat(markdown.toHtml(bomb))
                .startsWith("<p>- - - - ")
                .endsWith("- &lt;b&gt;x&lt;/b&gt;</p>\n");
        assertThat(markdown.refusal(bomb))
                .hasValueSatisfying(
                        why -> assertThat(why).contains(Markdown.MAX_DEPTH + " levels deep"));
    }

    @Test
    void deepQuotesEmphasisAndImagesAreBoundedToo() {
        for (String deep :
                new String[] {
                    "> ".repeat(4999) + "x",
                    "1. ".repeat(3333),
                    "*a ".repeat(3333) + "b" + " a*".repeat(3333),
                    "![".repeat(2000) + "a" + "](u)".repeat(2000),
                    "  - a\n".repeat(10) + "> ".repeat(40) + "x"
                }) {
            assertThat(markdown.refusal(deep)).as(deep.substring(0, 10)).isPresent();
            assertThat(markdown.toHtml(deep)).startsWith("<p>");
        }
    }

    @Test
    void nestingPeopleWriteStillRendersAsMarkdown() {
        StringBuilder lists = new StringBuilder();
        for (int level = 0; level < 8; level++) {
            lists.append("  ".repeat(level)).append("- level ").append(level).append('\n');
        }
        lists.append("\n> quoted *and **strong [link](https://example.org)***\n");
        String text = lists.toString();
        assertThat(markdown.refusal(text)).isEmpty();
        assertThat(markdown.toHtml(text))
                .contains("<li>level 7</li>")
                .contains("<blockquote>")
                .contains("<a rel=\"nofollow ugc noopener\" href=\"https://example.org\">link</a>");
    }

    @Test
    void aTextOverTheSizeBoundShowsAsEscapedParagraphs() {
        String tooLong = "**a** <i>b</i>\nline\n\n" + "x".repeat(Markdown.MAX_CHARS);
        assertThat(markdown.toHtml(tooLong))
                .startsWith("<p>**a** &lt;i&gt;b&lt;/i&gt;<br>\nline</p>\n<p>xxx")
                .doesNotContain("<strong>");
        assertThat(markdown.refusal(tooLong))
                .hasValue(
                        "A comment may have up to 10000 characters; this one has "
                                + tooLong.length()
                                + ".");
    }

    @Test
    void autolinksInAngleBracketsStillWorkAndOtherAngleBracketsAreText() {
        assertThat(markdown.toHtml("see <https://example.org/a?b=c> or <ada@example.org>"))
                .contains(
                        "<a rel=\"nofollow ugc noopener\" href=\"https://example.org/a?b=c\">"
                                + "https://example.org/a?b=c</a>")
                .contains("href=\"mailto:ada@example.org\">ada@example.org</a>");
        assertThat(markdown.toHtml("a < b, <span>c</span>, <javascript:alert(1)>, <a b>"))
                .contains("a &lt; b, &lt;span&gt;c&lt;/span&gt;")
                .doesNotContain("<span")
                .doesNotContainPattern("href=\"javascript");
        assertThat(markdown.toHtml("<".repeat(Markdown.MAX_CHARS)))
                .isEqualTo("<p>" + "&lt;".repeat(Markdown.MAX_CHARS) + "</p>\n");
    }

    @Test
    void aTextIsRenderedOnceAndKept() {
        String text = "[costly](https://example.org) " + "*a* ".repeat(500);
        String first = markdown.toHtml(text);
        assertThat(markdown.toHtml(text)).isSameAs(first);
        assertThat(markdown.refusal(text)).isEmpty();
        assertThat(markdown.toHtml(text)).isSameAs(first);
    }

    @Test
    void keptRenderingsStayWithinTheirBudget() {
        String first = "first " + "a".repeat(Markdown.MAX_CHARS - 6);
        String html = markdown.toHtml(first);
        long perText = 2L * Markdown.MAX_CHARS; // the text, and its HTML as long
        for (long i = 0; i <= Markdown.KEPT_CHARS / perText; i++) {
            markdown.toHtml(i + " " + "b".repeat(Markdown.MAX_CHARS - 10));
        }
        assertThat(markdown.toHtml(first)).as("rendered again").isEqualTo(html).isNotSameAs(html);
    }
}
