package paperboy.community;

import java.util.List;
import java.util.Locale;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Comments are CommonMark; this renders them to HTML that cannot carry script: raw HTML in the text
 * is escaped (not passed through), links keep only http(s), mailto and relative URLs ({@code
 * javascript:}, {@code data:}, {@code vbscript:} become empty), images are not loaded (their URL is
 * dropped), and links get {@code rel="nofollow ugc noopener"}. Thread-safe.
 */
public final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(AutolinkExtension.create());

    private static final UrlSanitizer WEB_LINKS_ONLY =
            new UrlSanitizer() {
                @Override
                public String sanitizeLinkUrl(String url) {
                    String u = url.strip();
                    int colon = u.indexOf(':');
                    int slash = u.indexOf('/');
                    boolean relative = colon < 0 || (slash >= 0 && slash < colon);
                    String scheme = colon < 0 ? "" : u.substring(0, colon).toLowerCase(Locale.ROOT);
                    return relative
                                    || scheme.equals("http")
                                    || scheme.equals("https")
                                    || scheme.equals("mailto")
                            ? u
                            : "";
                }

                @Override
                public String sanitizeImageUrl(String url) {
                    return ""; // no remote images in comments: they would track readers
                }
            };

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder()
                    .extensions(EXTENSIONS)
                    .escapeHtml(true)
                    .sanitizeUrls(true)
                    .urlSanitizer(WEB_LINKS_ONLY)
                    .attributeProviderFactory(
                            context ->
                                    (node, tag, attributes) -> {
                                        if (node instanceof Link) {
                                            attributes.put("rel", "nofollow ugc noopener");
                                        }
                                    })
                    .build();

    public String toHtml(String markdown) {
        return renderer.render(parser.parse(markdown));
    }
}
