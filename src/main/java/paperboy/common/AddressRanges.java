package paperboy.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A set of IP addresses given as literal addresses and CIDR ranges ({@code 127.0.0.1}, {@code
 * 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}), separated by commas or spaces. Only literals are
 * accepted, never host names: a name would need a DNS lookup at every start and could change under
 * a running site. An IPv4 address seen as IPv6 ({@code ::ffff:10.0.0.1}) matches its IPv4 range.
 */
public final class AddressRanges {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern DOT = Pattern.compile("\\.");
    private static final AddressRanges NONE = new AddressRanges(List.of(), "");

    private final List<Range> ranges;
    private final String text;

    private AddressRanges(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /** The empty set: no address is in it. */
    public static AddressRanges none() {
        return NONE;
    }

    /**
     * Parses {@code text}; blank gives the empty set.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or range
     */
    public static AddressRanges parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : SEPARATORS.split(text.strip(), -1)) {
            if (!entry.isEmpty()) {
                ranges.add(Range.parse(entry));
            }
        }
        return ranges.isEmpty() ? NONE : new AddressRanges(List.copyOf(ranges), text.strip());
    }

    /**
     * The address written in {@code text} when it is a literal IPv4 or IPv6 address (IPv6 may be in
     * brackets); never looks a name up.
     */
    public static Optional<InetAddress> literal(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            if (IPV4.matcher(s).matches()) {
                // by hand: InetAddress.getByName looks 999.1.1.1 up as a host name
                byte[] bytes = new byte[4];
                String[] parts = DOT.split(s, -1);
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (IPV6.matcher(s).matches()) {
                return Optional.of(
                        InetAddress.getByName(s)); // with a colon: parsed, never looked up
            }
        } catch (UnknownHostException e) {
            // ::::, 1:2:3:4:5:6:7:8:9 and the like
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = ipv4Inside(address.getAddress());
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** As given, for logs. */
    @Override
    public String toString() {
        return text;
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 address a.b.c.d. */
    private static byte[] ipv4Inside(byte[] bytes) {
        if (bytes.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (bytes[i] != 0) {
                    return bytes;
                }
            }
            if (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
        }
        return bytes;
    }

    /** The addresses whose first {@code bits} bits are those of {@code network}. */
    private static final class Range {
        private final byte[] network;
        private final int bits;

        private Range(byte[] network, int bits) {
            this.network = network;
            this.bits = bits;
        }

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes =
                    ipv4Inside(
                            literal(address)
                                    .orElseThrow(
                                            () ->
                                                    new IllegalArgumentException(
                                                            "'"
                                                                    + entry
                                                                    + "' is not an IP address or"
                                                                    + " CIDR range"))
                                    .getAddress());
            int max = bytes.length * 8;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException(
                            "'" + entry + "': the prefix length must be 0-" + max);
                }
            }
            return new Range(bytes, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
