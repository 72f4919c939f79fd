package cz.proklik.mailer.send;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The SMTP connections' sockets, with TCP_NODELAY. jakarta.mail writes each SMTP command (MAIL, RCPT, DATA, the
 * data's end) on its own and waits for the reply; with Nagle's algorithm on, a small write that follows another
 * waits for the peer's delayed ACK (about 40 ms on Linux), which capped one connection at ~17 messages a second
 * (bench/RESULTS.md, "Send benchmark").
 *
 * <p>Angus Mail asks this factory for the TCP socket of every connection: plain, STARTTLS (the TLS session is
 * layered over this socket after the upgrade) and implicit TLS (without an {@code ssl.socketFactory} of its own,
 * Angus Mail layers TLS, with its trust and host-name checks, over the socket of {@code socketFactory}). Its
 * {@link #createSocket()} is what Angus Mail calls: it connects the socket itself, with its timeouts.
 */
final class NoDelaySockets extends SocketFactory {
    static final NoDelaySockets INSTANCE = new NoDelaySockets();

    private NoDelaySockets() {
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
