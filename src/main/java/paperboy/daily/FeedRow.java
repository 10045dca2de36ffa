package paperboy.daily;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What the lists know of a paper besides its metadata: its place on the feed and its community
 * counts.
 *
 * @param entryDay the feed day it was submitted or featured on; {@code null} when neither
 * @param submittedBy the member who submitted it; {@code null} when nobody did
 * @param curated submitted or featured on a day of the period being listed
 */
public record FeedRow(
        String id,
        LocalDate announced,
        @Nullable LocalDate entryDay,
        boolean featured,
        @Nullable String submittedBy,
        int upvotes,
        int comments,
        boolean hasCode,
        boolean curated,
        @Nullable Integer githubStars) {

    /** The day the paper came to readers' attention: its announcement, or a later submission. */
    public LocalDate freshSince() {
        return entryDay != null && entryDay.isAfter(announced) ? entryDay : announced;
    }
}
