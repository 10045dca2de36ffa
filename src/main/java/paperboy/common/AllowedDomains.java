package paperboy.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The mail domains whose addresses may sign in and subscribe ({@code community.allowed-domains}): a
 * lab's or a company's instance closed to everyone else. Empty allows every address. A domain
 * allows itself and its subdomains ({@code example.org} allows {@code cs.example.org}), since
 * departments often mail from one.
 */
public final class AllowedDomains {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern DOMAIN =
            Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z][a-z0-9-]*[a-z0-9]");
    private static final AllowedDomains ANY = new AllowedDomains(List.of());

    private final List<String> domains;

    private AllowedDomains(List<String> domains) {
        this.domains = domains;
    }

    public static AllowedDomains any() {
        return ANY;
    }

    /**
     * Parses a list such as {@code "example.org, lab.example.com"} (an {@code @} in front is
     * dropped); blank allows any address.
     *
     * @throws IllegalArgumentException naming the first entry that is no domain name
     */
    public static AllowedDomains parse(String text) {
        List<String> domains = new ArrayList<>();
        for (String entry : SEPARATORS.split(text.strip(), -1)) {
            String domain = entry.toLowerCase(Locale.ROOT);
            domain = domain.startsWith("@") ? domain.substring(1) : domain;
            if (domain.isEmpty()) {
                continue;
            }
            if (!DOMAIN.matcher(domain).matches()) {
                throw new IllegalArgumentException("'" + entry + "' is not a mail domain");
            }
            domains.add(domain);
        }
        return domains.isEmpty() ? ANY : new AllowedDomains(List.copyOf(domains));
    }

    /** Whether every address is allowed. */
    public boolean open() {
        return domains.isEmpty();
    }

    /** Whether {@code email} (a valid address) is at an allowed domain or one of its subdomains. */
    public boolean allows(String email) {
        if (domains.isEmpty()) {
            return true;
        }
        String address = EmailAddress.normalise(email);
        String domain = address.substring(address.lastIndexOf('@') + 1);
        for (String allowed : domains) {
            if (domain.equals(allowed) || domain.endsWith("." + allowed)) {
                return true;
            }
        }
        return false;
    }

    /** For messages: "addresses at example.org or lab.example.com". */
    public String describe() {
        return "addresses at " + String.join(" or ", domains);
    }

    @Override
    public String toString() {
        return String.join(", ", domains);
    }
}
