package paperboy.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import paperboy.catalog.CatalogStore;
import paperboy.common.Limit;
import paperboy.community.AccessTokens;
import paperboy.community.Accounts;
import paperboy.community.CommunityStore;
import paperboy.community.SignIn;
import paperboy.community.Submissions;
import paperboy.daily.DailyPapers;
import paperboy.digest.SubscriptionDesk;
import paperboy.digest.Subscriptions;
import paperboy.library.CollectionStore;
import paperboy.library.LibraryImport;
import paperboy.library.LibraryStore;
import paperboy.recommend.Recommender;
import paperboy.recommend.Tastes;
import paperboy.search.EmbeddingStatus;
import paperboy.search.PaperSearch;
import paperboy.trending.Trending;

/**
 * What the web layer reads and writes: the catalog, the period lists, the trending list, search,
 * the community (accounts, sign-in, submissions, votes and comments), a line on the harvester's
 * state for /healthz, and how far embedding has come (/healthz, /metrics, the search page).
 *
 * @param baseUrl the public address for links in mail and feeds ({@code site.url}, else the address
 *     the server listens on); never the request's Host header, which a client chooses
 * @param clock the clock of the community's and the digests' times and limits
 */
public record Site(
        CatalogStore catalog,
        DailyPapers daily,
        Trending trending,
        PaperSearch search,
        Background background,
        EmbeddingStatus embedding,
        Community community,
        Digests digests,
        Supplier<String> baseUrl,
        Clock clock) {

    /**
     * The state of the background work, for /healthz and /metrics.
     *
     * @param harvest one line on the harvester's state
     * @param lastHarvest when the last harvest round ended well (empty: not yet in this process, or
     *     harvesting is off)
     * @param lastDigestRound when the last digest round ended without an error (empty: not yet in
     *     this process, or the digests do not run here)
     * @param indexBehind how long this node's index has been behind the catalog (zero when it is
     *     current, or when no follower runs in this process)
     * @param maxIndexLag beyond it /healthz answers 503, so a load balancer takes the node out
     */
    public record Background(
            Supplier<String> harvest,
            Supplier<Optional<Instant>> lastHarvest,
            Supplier<Optional<Instant>> lastDigestRound,
            Supplier<Duration> indexBehind,
            Duration maxIndexLag,
            Supplier<Map<String, Object>> leasesHeld) {}

    /** The digests' parts the site needs: the subscriptions and the desk that takes new ones. */
    public record Digests(Subscriptions subscriptions, SubscriptionDesk desk) {}

    /**
     * The community's parts.
     *
     * @param posting comments and submissions per member ({@link CommunityStore#POSTS_PER_WINDOW}),
     *     counted on every node together
     */
    public record Community(
            Accounts accounts,
            CommunityStore store,
            SignIn signIn,
            Submissions submissions,
            Limit posting,
            LibraryStore library,
            LibraryImport libraryImport,
            AccessTokens tokens,
            CollectionStore collections,
            Recommender recommender,
            Tastes tastes) {}
}
