package paperboy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A minimal SMTP server on loopback that answers each recipient with the reply a test scripts for
 * that session (250, or a 4xx or 5xx refusal), as real servers do when a mailbox is full or does
 * not exist. GreenMail accepts everything, so these replies need this.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final IntUnaryOperator rcptReply;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final Thread acceptor;

    /**
     * @param rcptReply the reply code to RCPT TO in session n (1, 2, ...)
     */
    public ScriptedSmtpServer(IntUnaryOperator rcptReply) throws IOException {
        this.rcptReply = rcptReply;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::acceptAll);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Messages accepted with the final dot. */
    public int delivered() {
        return delivered.get();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> serve(client, sessions.incrementAndGet()));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client, int session) {
        try (client;
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        client.getInputStream(), StandardCharsets.US_ASCII));
                Writer out =
                        new OutputStreamWriter(
                                client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb =
                        line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 ok");
                    case "RCPT" -> {
                        int code = rcptReply.applyAsInt(session);
                        reply(
                                out,
                                code
                                        + (code == 250
                                                ? " ok"
                                                : code < 500
                                                        ? " mailbox busy, try again later"
                                                        : " no such mailbox here"));
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message body
                        }
                        delivered.incrementAndGet();
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
