package paperboy.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;
import paperboy.common.AddressRanges;

/**
 * The real client of a request that came through a reverse proxy ({@code site.trusted-proxies}).
 * Only when the connection comes from a trusted proxy are {@code X-Forwarded-For} and {@code
 * X-Forwarded-Proto} believed; from anyone else they are ignored, so a visitor cannot choose the
 * address its limits are counted under, nor make the site think it came over https.
 *
 * <p>The client is the right-most address of {@code X-Forwarded-For} that is not itself a trusted
 * proxy: each proxy appends the address it was connected from, so the entries to the left of it are
 * whatever the client chose to send. The scheme is the last {@code X-Forwarded-Proto} (the nearest
 * proxy's). The rest of the site (access log, per-client limits, the {@code Secure} cookie
 * decision) sees the result as the request's remote address and scheme.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {
    private static final Pattern COMMA = Pattern.compile(",");
    private final AddressRanges trusted;

    TrustedProxies(AddressRanges trusted) {
        this.trusted = trusted;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(peer instanceof InetSocketAddress proxy)
                || proxy.getAddress() == null
                || !trusted.contains(proxy.getAddress())) {
            return request;
        }
        HttpFields headers = request.getHeaders();
        InetAddress client =
                client(proxy.getAddress(), headers.getValuesList("X-Forwarded-For"), trusted);
        String proto = last(headers.getValuesList("X-Forwarded-Proto"));
        boolean https =
                proto == null ? request.isSecure() : proto.strip().equalsIgnoreCase("https");
        return new Forwarded(request, new InetSocketAddress(client, proxy.getPort()), https);
    }

    /**
     * The client behind {@code proxy}: the right-most address of the {@code X-Forwarded-For} values
     * that is not trusted, or the left-most when all are (a chain of our own proxies). An entry
     * that is not an address (a proxy writes {@code unknown}) ends the walk: what is left of it
     * cannot be told apart from what a client made up, so the last trusted hop is the client.
     */
    static InetAddress client(InetAddress proxy, List<String> forwardedFor, AddressRanges trusted) {
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : COMMA.split(value, -1)) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        InetAddress client = proxy;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressRanges.literal(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get();
            if (!trusted.contains(client)) {
                return client;
            }
        }
        return client;
    }

    private static @Nullable String last(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String last = values.getLast();
        int comma = last.lastIndexOf(',');
        return comma < 0 ? last : last.substring(comma + 1);
    }

    /** The request as the client sent it to the proxy: its address and scheme. */
    private static final class Forwarded extends Request.Wrapper {
        private final ConnectionMetaData connection;
        private final HttpURI uri;
        private final boolean https;

        Forwarded(Request request, InetSocketAddress client, boolean https) {
            super(request);
            this.https = https;
            this.connection =
                    new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
                        @Override
                        public SocketAddress getRemoteSocketAddress() {
                            return client;
                        }

                        @Override
                        public boolean isSecure() {
                            return https;
                        }
                    };
            this.uri =
                    HttpURI.build(request.getHttpURI())
                            .scheme(https ? "https" : "http")
                            .asImmutable();
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            return connection;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public boolean isSecure() {
            return https;
        }
    }
}
