package paperboy.web;

import java.util.function.Supplier;
import paperboy.catalog.CatalogStore;
import paperboy.community.Accounts;
import paperboy.community.CommunityStore;
import paperboy.community.SignIn;
import paperboy.community.Submissions;
import paperboy.daily.DailyPapers;
import paperboy.search.PaperSearch;
import paperboy.trending.Trending;

/**
 * What the web layer reads and writes: the catalog, the period lists, the trending list, search,
 * the community (accounts, sign-in, submissions, votes and comments), and a line on the
 * harvester's state for /healthz.
 *
 * @param siteUrl the public base URL for links in mail; {@code ""} = the address a request came to
 */
public record Site(CatalogStore catalog, DailyPapers daily, Trending trending, PaperSearch search,
                   Supplier<String> harvestStatus, Community community, Digests digests, String siteUrl) {

    /** The digests' parts the site needs: the subscriptions and the desk that takes new ones. */
    public record Digests(paperboy.digest.Subscriptions subscriptions, paperboy.digest.SubscriptionDesk desk) {
    }

    /** The community's parts. */
    public record Community(Accounts accounts, CommunityStore store, SignIn signIn, Submissions submissions) {
    }
}
