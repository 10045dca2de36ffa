package paperboy.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
    @Test
    void exactlyOneIsSingularAndEveryOtherCountPlural() {
        assertThat(Plural.count(1, "paper", "papers")).isEqualTo("1 paper");
        assertThat(Plural.count(0, "upvote", "upvotes")).isEqualTo("0 upvotes");
        assertThat(Plural.count(2, "comment", "comments")).isEqualTo("2 comments");
        assertThat(Plural.count(-1, "day", "days")).isEqualTo("-1 days");
    }

    @Test
    void largeCountsHaveThousandsSeparatorsWhateverTheDefaultLocale() {
        assertThat(Plural.count(93_656, "paper", "papers")).isEqualTo("93,656 papers");
        assertThat(Plural.count(1_000_001, "record", "records")).isEqualTo("1,000,001 records");
    }

    @Test
    void theWordAloneFollowsTheSameRule() {
        assertThat(Plural.word(1, "upvote", "upvotes")).isEqualTo("upvote");
        assertThat(Plural.word(0, "upvote", "upvotes")).isEqualTo("upvotes");
        assertThat(Plural.count(1, "paper matches", "papers match")).isEqualTo("1 paper matches");
    }
}
