package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;

class FeedWriterTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 30);

    private static Paper hostile() {
        return new Paper(
                ArxivId.of("2606.00001"),
                1,
                "<img src=x onerror=alert(1)> & more",
                "An <b>abstract</b>",
                List.of("Eve"),
                List.of("cs.CR"),
                null,
                null,
                null,
                null,
                DAY,
                DAY,
                null,
                null);
    }

    @Test
    void rssTitlesAndDescriptionsAreTextEvenForReadersThatTakeThemAsHtml() {
        FeedWriter.Channel channel =
                new FeedWriter.Channel(
                        "Papers matching “<script>x</script>”",
                        "d",
                        "http://t/f",
                        "http://t",
                        "http://t");
        String rss = FeedWriter.rss(channel, List.of(hostile()));
        assertThat(rss)
                .contains(
                        "<title>&amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; more</title>")
                .contains("&amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt;")
                .contains("An &amp;lt;b&amp;gt;abstract&amp;lt;/b&amp;gt;")
                .doesNotContain("&lt;img src");
    }

    @Test
    void atomTextStaysEscapedOnce() {
        FeedWriter.Channel channel =
                new FeedWriter.Channel("t", "d", "http://t/f", "http://t", "http://t");
        assertThat(FeedWriter.atom(channel, List.of(hostile())))
                .contains("&lt;img src=x onerror=alert(1)&gt; &amp; more");
    }
}
