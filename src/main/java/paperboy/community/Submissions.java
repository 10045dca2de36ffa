package paperboy.community;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;

/**
 * Members put papers on today's daily papers by arXiv id or any URL form the id parser knows. A
 * paper not yet in the catalog is fetched from arXiv first. Papers are accepted until {@code
 * windowDays} after their announcement; each paper once. Thread-safe.
 */
public final class Submissions {
    private static final Logger LOG = LoggerFactory.getLogger(Submissions.class);

    /** Feed days are arXiv's announcement days. */
    public static final ZoneId ARXIV_ZONE = ZoneId.of("America/New_York");

    private final CatalogStore catalog;
    private final CommunityStore community;
    private final ArxivLookup arxiv;
    private final int windowDays;
    private final Clock clock;

    /** The outcome, with a sentence for the member. */
    public record Outcome(Result result, @Nullable String paperId, String message) {
        public boolean accepted() {
            return result == Result.ACCEPTED;
        }
    }

    /** Fetches a paper from arXiv (the API client): empty when arXiv has none. */
    @FunctionalInterface
    public interface ArxivLookup {
        /**
         * Looks {@code id} up on arXiv; empty when arXiv has no such paper.
         *
         * @throws Unavailable when arXiv cannot be asked just now: an outage, not a bug
         */
        Optional<Paper> find(ArxivId id) throws Unavailable;
    }

    /** arXiv could not be asked (unreachable, refusing, or answering nonsense). */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How a submission ended. */
    public enum Result {
        ACCEPTED,
        NOT_AN_ARXIV_ID,
        NOT_ON_ARXIV,
        ARXIV_UNREACHABLE,
        TOO_OLD,
        ALREADY_ON_THE_FEED
    }

    /**
     * @param arxiv fetches a paper the catalog lacks
     */
    public Submissions(
            CatalogStore catalog,
            CommunityStore community,
            ArxivLookup arxiv,
            int windowDays,
            Clock clock) {
        this.catalog = catalog;
        this.community = community;
        this.arxiv = arxiv;
        this.windowDays = windowDays;
        this.clock = clock;
    }

    private static Outcome unreachable(ArxivId id) {
        return new Outcome(
                Result.ARXIV_UNREACHABLE,
                id.id(),
                "arXiv could not be asked about " + id.id() + " just now; try again later.");
    }

    /** Today's feed day. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ARXIV_ZONE));
    }

    /** Submits for the member {@code memberId}: see the class comment for what is accepted. */
    public Outcome submit(long memberId, @Nullable String idOrUrl) {
        ArxivId id;
        try {
            id = ArxivId.parse(idOrUrl == null ? "" : idOrUrl).withoutVersion();
        } catch (InvalidArxivIdException e) {
            return new Outcome(
                    Result.NOT_AN_ARXIV_ID, null, "That is not an arXiv paper: " + e.getMessage());
        }
        Optional<Paper> known = catalog.find(id);
        Paper paper;
        if (known.isPresent()) {
            paper = known.get();
        } else {
            Optional<Paper> fetched;
            try {
                fetched = arxiv.find(id);
            } catch (Unavailable e) {
                LOG.warn("submission of {}: arXiv could not be asked: {}", id.id(), e.getMessage());
                return unreachable(id);
            } catch (RuntimeException e) {
                LOG.error(
                        "submission of {}: looking it up on arXiv failed",
                        id.id(),
                        e); // a bug: say so loudly
                return unreachable(id);
            }
            if (fetched.isEmpty()) {
                return new Outcome(
                        Result.NOT_ON_ARXIV, id.id(), "arXiv has no paper " + id.id() + ".");
            }
            paper = fetched.get();
            catalog.upsert(List.of(paper));
        }
        LocalDate today = today();
        long age = ChronoUnit.DAYS.between(paper.announced(), today);
        if (age > windowDays) {
            return new Outcome(
                    Result.TOO_OLD,
                    id.id(),
                    "“"
                            + paper.title()
                            + "” was announced "
                            + age
                            + " days ago; papers can be submitted up to "
                            + windowDays
                            + " days after their announcement.");
        }
        if (!community.submit(id, today, memberId)) {
            String by =
                    community
                            .submitter(id)
                            .map(n -> " (submitted by " + n + ")")
                            .orElse(" (it is featured)");
            return new Outcome(
                    Result.ALREADY_ON_THE_FEED,
                    id.id(),
                    "“"
                            + paper.title()
                            + "” is already in the daily papers"
                            + by
                            + ". Thank you all the same!");
        }
        return new Outcome(
                Result.ACCEPTED,
                id.id(),
                "“" + paper.title() + "” is in the daily papers of " + today + ".");
    }
}
