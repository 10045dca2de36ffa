package paperboy.digest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import paperboy.common.Tokens;

/**
 * The links in digest mail: confirm, manage, unsubscribe. Each carries the subscription's id and an
 * HMAC-SHA256, keyed by that subscription's own random secret, over the purpose, id and address: a
 * link cannot be guessed, cannot be turned into another purpose, and stops working for another
 * address or subscription. Stateless.
 */
public final class DigestLinks {
    public enum Purpose {
        CONFIRM,
        MANAGE,
        UNSUBSCRIBE
    }

    private final String siteUrl;

    public DigestLinks(String siteUrl) {
        this.siteUrl = siteUrl;
    }

    public String url(Purpose purpose, Subscription s) {
        String path =
                switch (purpose) {
                    case CONFIRM -> "/digest/confirm";
                    case MANAGE -> "/digest/manage";
                    case UNSUBSCRIBE -> "/digest/unsubscribe";
                };
        return siteUrl + path + "?s=" + s.id() + "&t=" + token(purpose, s);
    }

    public static String token(Purpose purpose, Subscription s) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(s.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig =
                    mac.doFinal(
                            (purpose.name() + "|" + s.id() + "|" + s.email())
                                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static boolean valid(Purpose purpose, Subscription s, String token) {
        return Tokens.same(token(purpose, s), token);
    }
}
