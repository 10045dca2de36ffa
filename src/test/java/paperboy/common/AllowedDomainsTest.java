package paperboy.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowedDomainsTest {
    @Test
    void aDomainAllowsItselfAndItsSubdomainsOnly() {
        AllowedDomains allowed = AllowedDomains.parse("Example.org, @lab.example.com");
        assertThat(allowed.allows("me@example.org")).isTrue();
        assertThat(allowed.allows("Me@CS.Example.ORG")).isTrue();
        assertThat(allowed.allows("me@lab.example.com")).isTrue();
        assertThat(allowed.allows("me@example.com")).isFalse();
        assertThat(allowed.allows("me@notexample.org")).as("not a subdomain").isFalse();
        assertThat(allowed.allows("me@example.org.evil.net")).isFalse();
        assertThat(allowed.describe()).isEqualTo("addresses at example.org or lab.example.com");
    }

    @Test
    void blankAllowsAnyoneAndNonsenseIsRefused() {
        assertThat(AllowedDomains.parse(" ").open()).isTrue();
        assertThat(AllowedDomains.parse("").allows("me@anywhere.net")).isTrue();
        assertThatThrownBy(() -> AllowedDomains.parse("example.org, not a domain"))
                .hasMessageContaining("'not' is not a mail domain");
        assertThatThrownBy(() -> AllowedDomains.parse("localhost"))
                .hasMessageContaining("'localhost' is not a mail domain");
    }
}
