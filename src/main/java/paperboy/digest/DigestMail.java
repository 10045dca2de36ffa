package paperboy.digest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the digest templates render ({@code src/main/jte/digest/mail.jte} for the HTML part, {@code
 * src/main/jte-text/digest/mail.jte} for the plain-text part): values only, worked out by {@link
 * DigestComposer}. Public because the compiled templates live in jte's own packages.
 *
 * @param recommended the "Recommended for you" part (empty when the reader is no member, or likes
 *     nothing yet)
 * @param papers the rest: trending, alerts, categories
 * @param forYouUrl the reader's "For you" page, where a thumbs down teaches the recommendations
 * @param cadence the subscription's cadence, as the reader chose it ({@code daily}, {@code weekly})
 */
public record DigestMail(
        String subject,
        List<Entry> recommended,
        List<Entry> papers,
        String forYouUrl,
        String cadence,
        String manageUrl,
        String unsubscribeUrl) {
    public DigestMail {
        recommended = List.copyOf(recommended);
        papers = List.copyOf(papers);
    }

    /**
     * One paper of the digest.
     *
     * @param why every reason it is there, joined
     * @param codeUrl its code link as recorded, or {@code null}
     */
    public record Entry(
            String title,
            String url,
            String authors,
            String why,
            String snippet,
            @Nullable String codeUrl) {}
}
