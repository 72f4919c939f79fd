package cz.proklik.mailer.send;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A tiny real SMTP server on a free port for what GreenMail cannot easily do: answer 451 or 550 to chosen
 * recipients, hold each reply a while (a slow relay), or drop the connection after the message's data (the
 * relay's answer lost). The script sees the recipient and how many times it was offered.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    /** What to answer at RCPT (null: 250) and after the data (null: 250; DROP: close without a reply). */
    interface Script {
        String rcpt(String recipient, int offered);

        String afterData(String recipient, int offered);
    }

    static final String DROP = "DROP";

    /** The server's own texts: greeting, EHLO reply, the reply after an accepted message's data, QUIT's reply. */
    record Dialect(String greeting, String ehlo, String accepted, String bye) {
        /** This class's usual texts (with a queue id after the data, as Postfix's smtpd). */
        static final Dialect SCRIPTED = new Dialect("220 scripted.example ESMTP",
                "250-scripted.example\r\n250 8BITMIME", "250 2.0.0 Ok: queued as Q%d", "221 2.0.0 Bye");

        /**
         * Exactly what Postfix's smtp-sink (3.x, as bench/send.sh runs it) answers: AUTH, XCLIENT, XFORWARD, DSN
         * announced, an EHLO reply whose last line is an empty "250 ", and "250 2.0.0 Ok" after the data, with no
         * queue id (as captured from smtp-sink on this machine).
         */
        static final Dialect SMTP_SINK = new Dialect("220 smtp-sink ESMTP", String.join("\r\n", "250-smtp-sink",
                "250-PIPELINING", "250-8BITMIME", "250-AUTH PLAIN LOGIN", "250-XCLIENT NAME HELO",
                "250-XFORWARD NAME ADDR PROTO HELO", "250-ENHANCEDSTATUSCODES", "250-DSN", "250 "), "250 2.0.0 Ok",
                "221 Bye");
    }

    /** A received message: recipient, envelope sender, its data, when its data ended. */
    record Received(String recipient, String from, String data, Instant at) {
    }

    private final ServerSocket socket;
    private final Script script;
    private final long delayMillis;
    private final Map<String, AtomicInteger> offered = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private final Dialect dialect;

    ScriptedSmtpServer(Script script, long delayMillis) throws IOException {
        this(script, delayMillis, Dialect.SCRIPTED);
    }

    ScriptedSmtpServer(Script script, long delayMillis, Dialect dialect) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.dialect = dialect;
        this.script = script;
        this.delayMillis = delayMillis;
        this.acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static Script accepting() {
        return of((r, n) -> null, (r, n) -> null);
    }

    static Script of(BiFunction<String, Integer, String> rcpt, BiFunction<String, Integer, String> afterData) {
        return new Script() {
            @Override
            public String rcpt(String recipient, int offered) {
                return rcpt.apply(recipient, offered);
            }

            @Override
            public String afterData(String recipient, int offered) {
                return afterData.apply(recipient, offered);
            }
        };
    }

    int port() {
        return socket.getLocalPort();
    }

    long count(String recipient) {
        return received.stream().filter(r -> r.recipient().equalsIgnoreCase(recipient)).count();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "scripted-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                StandardCharsets.ISO_8859_1)); OutputStream out = s.getOutputStream()) {
            reply(out, dialect.greeting());
            String from = null;
            String rcpt = null;
            int n = 0;
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    reply(out, dialect.ehlo());
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 scripted.example");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = address(line.substring(10));
                    rcpt = null;
                    reply(out, "250 2.1.0 Ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    String r = address(line.substring(8));
                    n = offered.computeIfAbsent(r.toLowerCase(), k -> new AtomicInteger()).incrementAndGet();
                    String answer = script.rcpt(r, n);
                    if (answer == null) {
                        rcpt = r;
                        reply(out, "250 2.1.5 Ok");
                    } else {
                        reply(out, answer);
                    }
                } else if (upper.equals("DATA")) {
                    if (rcpt == null) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    sleep();
                    String answer = script.afterData(rcpt, n);
                    if (DROP.equals(answer)) {
                        received.add(new Received(rcpt, from, data.toString(), Instant.now()));
                        return;
                    }
                    if (answer == null) {
                        received.add(new Received(rcpt, from, data.toString(), Instant.now()));
                        reply(out, dialect.accepted().formatted(received.size()));
                    } else {
                        reply(out, answer);
                    }
                } else if (upper.equals("RSET")) {
                    from = null;
                    rcpt = null;
                    reply(out, "250 2.0.0 Ok");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else if (upper.equals("QUIT")) {
                    reply(out, dialect.bye());
                    return;
                } else {
                    reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void sleep() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String address(String s) {
        String t = s.strip();
        int lt = t.indexOf('<');
        int gt = t.indexOf('>');
        return lt >= 0 && gt > lt ? t.substring(lt + 1, gt) : t;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
