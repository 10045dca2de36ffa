package paperboy.library;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A member's named collection of papers.
 *
 * @param owner the owner's public name
 * @param isPublic whether anyone may read it (else only its owner)
 * @param featured whether curators show it on the home page (public ones only)
 */
public record PaperCollection(
        long id,
        long memberId,
        String owner,
        String name,
        String description,
        boolean isPublic,
        boolean featured,
        int papers,
        Instant updated) {

    /** Whether {@code memberId} (null: a reader not signed in) may read it. */
    public boolean readableBy(@Nullable Long memberId) {
        return isPublic || (memberId != null && memberId == this.memberId);
    }

    /** The collection's page. */
    public String path() {
        return "/collections/" + id;
    }
}
