package paperboy.common;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One mail address as Paperboy accepts it: a single RFC 5321 mailbox {@code local@domain} and
 * nothing else. No display names, comments, quoted local parts, lists or source routes: each of
 * those lets one "address" name a second recipient or dodge a per-address limit. The domain may be
 * internationalised; it is kept in its ASCII (punycode) form.
 */
public final class EmailAddress {
    /** RFC 5322 dot-atom of atext characters, which is what mail clients send for a local part. */
    private static final Pattern LOCAL =
            Pattern.compile("[A-Za-z0-9!#$&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$&'*+/=?^_`{|}~-]+)*");

    /** Letters, digits and hyphens, at most 63 per label, at least two labels. */
    private static final Pattern DOMAIN =
            Pattern.compile(
                    "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private static final int MAX_LOCAL = 64;
    private static final int MAX_LENGTH = 254;

    private EmailAddress() {}

    /**
     * The address in the one form every limit, key and recipient uses (trimmed, lower case, ASCII
     * domain), or empty when {@code text} is not exactly one mailbox.
     */
    public static Optional<String> parse(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        int at = s.lastIndexOf('@');
        if (at <= 0 || at != s.indexOf('@') || at > MAX_LOCAL || s.length() > MAX_LENGTH * 2) {
            return Optional.empty();
        }
        String local = s.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(s.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!LOCAL.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        String address = (local + "@" + domain).toLowerCase(Locale.ROOT);
        return address.length() <= MAX_LENGTH ? Optional.of(address) : Optional.empty();
    }

    /** Whether {@code text} is exactly one mailbox (see {@link #parse}). */
    public static boolean isValid(@Nullable String text) {
        return parse(text).isPresent();
    }

    /**
     * The stored form of an address already accepted by {@link #parse}, or of a key to look one up
     * by (a text that is not an address is only trimmed and lower-cased, so it matches nothing).
     */
    public static String normalise(String text) {
        return parse(text).orElse(text.strip().toLowerCase(Locale.ROOT));
    }
}
