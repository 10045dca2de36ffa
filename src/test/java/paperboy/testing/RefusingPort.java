package paperboy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where connections are refused, held for as long as this is open: a socket is
 * bound to it but does not listen. Safer than a port that was free a moment ago, which another
 * process may take before the test is done with it.
 */
public final class RefusingPort implements AutoCloseable {
    private final Socket socket = new Socket();

    public RefusingPort() {
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a loopback port", e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Frees the port, e.g. for a server that is to come up on it. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
