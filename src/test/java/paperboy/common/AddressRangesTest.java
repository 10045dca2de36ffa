package paperboy.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRangesTest {
    private static InetAddress ip(String literal) {
        return AddressRanges.literal(literal).orElseThrow();
    }

    @Test
    void addressesAndRangesOfBothFamiliesMatch() {
        AddressRanges ranges =
                AddressRanges.parse("127.0.0.1, 10.0.0.0/8 192.168.4.0/22,::1 fd00::/8");
        assertThat(ranges.contains(ip("127.0.0.1"))).isTrue();
        assertThat(ranges.contains(ip("127.0.0.2"))).isFalse();
        assertThat(ranges.contains(ip("10.255.1.2"))).isTrue();
        assertThat(ranges.contains(ip("11.0.0.1"))).isFalse();
        assertThat(ranges.contains(ip("192.168.7.255"))).as("inside /22").isTrue();
        assertThat(ranges.contains(ip("192.168.8.0"))).as("past /22").isFalse();
        assertThat(ranges.contains(ip("::1"))).isTrue();
        assertThat(ranges.contains(ip("[fd12:3456::9]"))).isTrue();
        assertThat(ranges.contains(ip("fe80::1"))).isFalse();
        assertThat(ranges.contains(ip("::ffff:10.1.2.3"))).as("IPv4 seen as IPv6").isTrue();
        assertThat(AddressRanges.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void blankIsNoAddressAtAll() {
        assertThat(AddressRanges.parse("  ").isEmpty()).isTrue();
        assertThat(AddressRanges.none().contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void onlyLiteralsAreAcceptedAndNeverLookedUp() {
        assertThat(AddressRanges.literal("localhost")).isEmpty();
        assertThat(AddressRanges.literal("999.1.1.1")).isEmpty();
        assertThat(AddressRanges.literal("unknown")).isEmpty();
        assertThat(AddressRanges.literal("1:2:3:4:5:6:7:8:9")).isEmpty();
        assertThatThrownBy(() -> AddressRanges.parse("127.0.0.1, proxy.example.org"))
                .hasMessageContaining("'proxy.example.org' is not an IP address or CIDR range");
        assertThatThrownBy(() -> AddressRanges.parse("10.0.0.0/33"))
                .hasMessageContaining("the prefix length must be 0-32");
        assertThatThrownBy(() -> AddressRanges.parse("fd00::/x"))
                .hasMessageContaining("the prefix length must be 0-128");
    }
}
