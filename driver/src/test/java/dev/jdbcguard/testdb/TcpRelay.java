package dev.jdbcguard.testdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay between a client (the driver under test) and a server, for fault tests: it cuts every
 * relayed connection (an RST, as a crashed peer or a firewall sends, or a FIN, as a peer closing normally), stalls
 * all traffic (bytes are held, nothing is lost) and resumes it. Point a JDBC URL at {@code 127.0.0.1:}{@link #port()}.
 *
 * <p>One accept thread and two copy threads per relayed connection, all daemons; {@link #close()} cuts everything and
 * stops them. Thread-safe.
 */
public final class TcpRelay implements AutoCloseable {

    /** How {@link #cutAll} ends a connection. */
    public enum Cut {
        /** A TCP reset on both sides: reads fail at once with "connection reset". */
        RST,
        /** An orderly shutdown on both sides: reads see the end of the stream. */
        FIN
    }

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Object stallLock = new Object();
    private volatile boolean stalled;
    private volatile boolean closed;

    private TcpRelay(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-relay-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay to {@code host:port}, listening on a free loopback port. */
    public static TcpRelay to(String host, int port) throws IOException {
        return new TcpRelay(new InetSocketAddress(host, port));
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted since the relay started. */
    public int accepted() {
        return accepted.get();
    }

    /** Relayed connections still open. */
    public int open() {
        return links.size();
    }

    /**
     * The local ports of the relay's sockets to the server, one per relayed connection still open: what the server
     * shows as the client's port ({@code information_schema.PROCESSLIST.HOST} is {@code 127.0.0.1:<port>}), so a
     * test can tell the sessions of live connections from those the server keeps after a cut.
     */
    public Set<Integer> upstreamPorts() {
        Set<Integer> ports = new HashSet<>();
        for (Link link : links) {
            ports.add(link.server.getLocalPort());
        }
        return ports;
    }

    /** Cuts every connection open now; new ones are still accepted. @return how many were cut */
    public int cutAll(Cut how) {
        int cut = 0;
        for (Link link : links) {
            link.cut(how);
            cut++;
        }
        return cut;
    }

    /** Holds all traffic in both directions until {@link #resume()}: the peers see a silent network. */
    public void stall() {
        stalled = true;
    }

    public void resume() {
        synchronized (stallLock) {
            stalled = false;
            stallLock.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cutAll(Cut.RST);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                Socket server = new Socket();
                try {
                    server.connect(upstream, 5_000);
                } catch (IOException e) {
                    reset(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void awaitResume() throws InterruptedException {
        synchronized (stallLock) {
            while (stalled && !closed) {
                stallLock.wait();
            }
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close() then sends RST instead of FIN
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One relayed connection: two sockets and a copy thread each way. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private boolean cut;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump(client, server, "up");
            pump(server, client, "down");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        awaitResume();
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // cut, or the peer went away: the other pump ends with its socket
                } finally {
                    cut(Cut.FIN);
                }
            }, "tcp-relay-" + direction + "-" + from.getPort());
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void cut(Cut how) {
            if (cut) {
                return;
            }
            cut = true;
            links.remove(this);
            if (how == Cut.RST) {
                reset(client);
                reset(server);
            } else {
                closeQuietly(client);
                closeQuietly(server);
            }
        }
    }
}
