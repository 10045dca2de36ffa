package paperboy.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The trending formula on its own: (1 + upvotes + comments/2 + bonuses) / (age + 2)^1.5. */
class TrendingScoreTest {
    private static final LocalDate DAY = LocalDate.of(2026, 7, 1);

    private static FeedRow row(int upvotes, int comments, boolean featured, boolean hasCode) {
        return new FeedRow(
                "2607.00001", DAY, null, featured, null, upvotes, comments, hasCode, false, null);
    }

    private static FeedRow votes(int upvotes) {
        return row(upvotes, 0, false, false);
    }

    @Test
    void anUnvotedPaperHasOnePointForBeingListed() {
        assertThat(TrendingScore.points(votes(0))).isEqualTo(1);
    }

    @Test
    void eachUpvoteIsAPointAndEachCommentHalfOne() {
        assertThat(TrendingScore.points(row(4, 3, false, false))).isEqualTo(1 + 4 + 1.5);
    }

    @Test
    void featuringAddsThreePointsAndCodeOne() {
        assertThat(TrendingScore.points(row(0, 0, true, false))).isEqualTo(1 + 3);
        assertThat(TrendingScore.points(row(0, 0, false, true))).isEqualTo(1 + 1);
        assertThat(TrendingScore.points(row(2, 2, true, true))).isEqualTo(1 + 2 + 1 + 3 + 1);
    }

    @Test
    void theScoreIsThePointsOverTheAgePlusTwoToThePowerOfOneAndAHalf() {
        assertThat(TrendingScore.score(votes(5), 2)).isEqualTo(6 / 8.0); // (2 + 2)^1.5 = 8
        assertThat(TrendingScore.score(votes(0), 0)).isCloseTo(1 / Math.pow(2, 1.5), within(1e-12));
        assertThat(TrendingScore.score(votes(26), 7)).isEqualTo(27 / 27.0); // (7 + 2)^1.5 = 27
    }

    @Test
    void aFreshPaperWithOneVoteOutranksAWeekOldOneWithFive() {
        double fresh = TrendingScore.score(votes(1), 0); // 2 / 2.83 = 0.71
        double weekOld = TrendingScore.score(votes(5), 7); // 6 / 27 = 0.22
        assertThat(fresh).isGreaterThan(weekOld);
    }

    @Test
    void enoughVotesKeepAnOlderPaperAboveAFreshOne() {
        assertThat(TrendingScore.score(votes(20), 2))
                .isGreaterThan(TrendingScore.score(votes(1), 0));
    }

    @Test
    void todaysUnvotedPapersLeadLastWeeksUnvotedOnes() {
        assertThat(TrendingScore.score(votes(0), 0))
                .isGreaterThan(TrendingScore.score(votes(0), 7));
    }

    @Test
    void featuringIsWorthThreeUpvotes() {
        double featured = TrendingScore.score(row(0, 0, true, false), 1);
        assertThat(featured)
                .isEqualTo(TrendingScore.score(votes(3), 1))
                .isGreaterThan(TrendingScore.score(votes(2), 1));
    }

    @Test
    void codeIsWorthOneUpvote() {
        double withCode = TrendingScore.score(row(3, 0, false, true), 1);
        assertThat(withCode)
                .isEqualTo(TrendingScore.score(votes(4), 1))
                .isGreaterThan(TrendingScore.score(votes(3), 1));
    }

    @Test
    void aPaperDatedAfterTheNewestDayCountsAsNew() {
        assertThat(TrendingScore.score(votes(3), -2)).isEqualTo(TrendingScore.score(votes(3), 0));
    }

    @Test
    void aLaterSubmissionMakesAnOldPaperFreshAgain() {
        FeedRow old =
                new FeedRow(
                        "1706.03762",
                        LocalDate.of(2017, 6, 12),
                        DAY,
                        false,
                        "ada",
                        1,
                        0,
                        false,
                        true,
                        null);
        assertThat(old.freshSince()).isEqualTo(DAY);
        FeedRow featuredEarlier =
                new FeedRow(
                        "2607.00002", DAY, DAY.minusDays(3), true, null, 0, 0, false, false, null);
        assertThat(featuredEarlier.freshSince())
                .as("an entry before the announcement does not age it")
                .isEqualTo(DAY);
    }
}
