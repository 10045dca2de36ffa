package paperboy.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "reader@example.org",
                " Reader@Example.ORG ",
                "a.b+tag@sub.example.co.uk",
                "o'neil@example.org"
            })
    void oneMailboxIsAcceptedAndNormalised(String text) {
        assertThat(EmailAddress.parse(text))
                .hasValueSatisfying(a -> assertThat(a).isEqualTo(a.strip().toLowerCase()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "victim@example.org,attacker%evil.example",
                "victim@example.org, attacker@evil.example",
                "x <victim@example.org>",
                "victim@example.org(c)",
                "\"victim\"@example.org",
                "victim@example.org\r\nBcc: a@b.c",
                "victim@@example.org",
                "@example.org",
                "victim@",
                "victim@localhost",
                "victim@-example.org",
                "a b@example.org",
                "victim@example.org;attacker@evil.example",
                "victim..x@example.org",
                ".victim@example.org"
            })
    void anythingThatCouldNameASecondRecipientIsRefused(String text) {
        assertThat(EmailAddress.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"leser@bücher.example"})
    void internationalDomainsAreKeptInTheirAsciiForm(String text) {
        assertThat(EmailAddress.parse(text)).hasValue("leser@xn--bcher-kva.example");
    }
}
