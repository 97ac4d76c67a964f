package org.loftmail.lmtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.loftmail.core.auth.UserdbResult;
import org.loftmail.core.exec.KeyedSlots;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.AppendResult;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LMTP connection (RFC 2033), run on its own thread: reads a command, answers it, and
 * flushes the answers whenever no further command is waiting, so a pipelining client gets its
 * replies in one write. After DATA or the last BDAT chunk there is one reply per accepted
 * recipient, in RCPT order, each sent only once that recipient's copy is durable.
 */
final class LmtpSession {
    private static final Logger LOG = LoggerFactory.getLogger(LmtpSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final LmtpInput in;
    private final OutputStream out;
    private final LmtpServices services;
    private final LmtpSettings settings;
    private final KeyedSlots<UserId> deliveries;
    /** Saves the copies of a multi-recipient message in parallel. */
    private final Executor savers;
    /** The client's IP address, null on a unix socket. */
    private final InetAddress remote;
    private final String sessionId = newId();
    private String lhlo;
    private int badCommands;
    private int transactions;

    // The transaction: MAIL FROM to the end of DATA/BDAT LAST (or RSET).
    private MailPath sender;
    private boolean smtpUtf8;
    private final List<Recipient> recipients = new ArrayList<>();
    private int rcptCommands;
    private Spool chunks;
    private boolean chunksTooBig;

    LmtpSession(LmtpInput in, OutputStream out, LmtpServices services, LmtpSettings settings,
                KeyedSlots<UserId> deliveries, Executor savers, InetAddress remote) {
        this.in = in;
        this.out = out;
        this.services = services;
        this.settings = settings;
        this.deliveries = deliveries;
        this.savers = savers;
        this.remote = remote;
    }

    /** Until QUIT, the end of the stream, or too many bad commands. */
    void run() throws IOException {
        try {
            reply("220 " + settings.hostname() + " Loft LMTP ready");
            out.flush();
            while (true) {
                String line;
                boolean go;
                try {
                    line = in.readLine(settings.maxLineLength());
                    if (line == null) {
                        return;
                    }
                    go = command(line);
                } catch (LmtpInput.LineTooLongException e) {
                    go = !bad("500 5.5.2 Line too long");
                }
                if (!go) {
                    out.flush();
                    return;
                }
                if (!in.hasBuffered()) {
                    out.flush();
                }
            }
        } finally {
            endTransaction();
        }
    }

    /** One command; false when the connection is to close. */
    private boolean command(String line) throws IOException {
        if (line.indexOf('\0') >= 0) {
            return !bad("500 5.5.2 Invalid characters in command");
        }
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String args = sp < 0 ? "" : line.substring(sp + 1);
        switch (verb) {
            case "LHLO":
                lhlo(args);
                return true;
            case "HELO":
            case "EHLO":
                return !bad("500 5.5.1 This is LMTP: use LHLO");
            case "MAIL":
                mail(args);
                return true;
            case "RCPT":
                rcpt(args);
                return true;
            case "DATA":
                return data(args);
            case "BDAT":
                return bdat(args);
            case "RSET":
                endTransaction();
                reply("250 2.0.0 OK");
                return true;
            case "NOOP":
                reply("250 2.0.0 OK");
                return true;
            case "VRFY":
                reply("252 2.3.3 Try RCPT instead");
                return true;
            case "QUIT":
                reply("221 2.0.0 " + settings.hostname() + " Bye");
                return false;
            default:
                return !bad("500 5.5.1 Unknown command");
        }
    }

    /** Answers a bad command; true when there have been too many and the connection closes. */
    private boolean bad(String answer) throws IOException {
        if (++badCommands >= settings.maxBadCommands()) {
            reply("421 4.7.0 " + settings.hostname() + " Too many invalid commands");
            out.flush();
            LOG.info("lmtp({}): disconnecting after {} invalid commands", sessionId, badCommands);
            return true;
        }
        reply(answer);
        return false;
    }

    private void lhlo(String args) throws IOException {
        String name = args.trim();
        if (name.isEmpty() || name.indexOf(' ') >= 0) {
            bad("501 5.5.4 Invalid LHLO parameter");
            return;
        }
        endTransaction();
        lhlo = name;
        reply("250-" + settings.hostname());
        reply("250-8BITMIME");
        reply("250-CHUNKING");
        reply("250-ENHANCEDSTATUSCODES");
        reply("250-PIPELINING");
        reply("250-SIZE " + settings.maxMessageSize());
        reply("250 SMTPUTF8");
    }

    private void mail(String args) throws IOException {
        if (lhlo == null) {
            reply("503 5.5.1 Send LHLO first");
            return;
        }
        if (sender != null) {
            reply("503 5.5.1 MAIL already given");
            return;
        }
        if (!args.regionMatches(true, 0, "FROM:", 0, 5)) {
            bad("501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(args.substring(5));
        } catch (MailPath.SyntaxException e) {
            bad("501 5.1.7 " + e.getMessage());
            return;
        }
        boolean utf8 = false;
        for (Map.Entry<String, String> p : path.params().entrySet()) {
            switch (p.getKey()) {
                case "SIZE":
                    long size;
                    try {
                        size = Long.parseLong(p.getValue());
                    } catch (NumberFormatException e) {
                        bad("501 5.5.4 Invalid SIZE parameter");
                        return;
                    }
                    if (size > settings.maxMessageSize()) {
                        reply("552 5.3.4 Message too big: the limit is " + settings.maxMessageSize() + " bytes");
                        return;
                    }
                    break;
                case "BODY":
                    String body = p.getValue().toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        reply("501 5.5.4 Unsupported BODY parameter");
                        return;
                    }
                    break;
                case "SMTPUTF8":
                    utf8 = true;
                    break;
                case "AUTH":
                case "ENVID":
                case "RET":
                    // Accepted and not needed at final delivery.
                    break;
                default:
                    reply("555 5.5.4 Unsupported parameter " + p.getKey());
                    return;
            }
        }
        if (!utf8 && !ascii(path.address())) {
            reply("553 5.6.7 Non-ASCII address without SMTPUTF8");
            return;
        }
        sender = path;
        smtpUtf8 = utf8;
        reply("250 2.1.0 OK");
    }

    private void rcpt(String args) throws IOException {
        if (sender == null) {
            reply("503 5.5.1 MAIL needed first");
            return;
        }
        if (!args.regionMatches(true, 0, "TO:", 0, 3)) {
            bad("501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(args.substring(3));
        } catch (MailPath.SyntaxException e) {
            bad("501 5.1.3 " + e.getMessage());
            return;
        }
        for (String key : path.params().keySet()) {
            if (!key.equals("ORCPT") && !key.equals("NOTIFY")) {
                reply("555 5.5.4 Unsupported parameter " + key);
                return;
            }
        }
        if (path.address().isEmpty()) {
            reply("501 5.1.3 Empty recipient address");
            return;
        }
        if (!smtpUtf8 && !ascii(path.address())) {
            reply("553 5.6.7 Non-ASCII address without SMTPUTF8");
            return;
        }
        if (++rcptCommands > settings.maxRecipients()) {
            reply("452 4.5.3 Too many recipients");
            return;
        }
        String rcpt = "<" + path.address() + ">";
        Found found = lookup(path);
        if (found.result instanceof UserdbResult.Unavailable) {
            LOG.warn("lmtp({}): rcpt {}: userdb lookup failed: {}", sessionId, rcpt,
                    ((UserdbResult.Unavailable) found.result).reason());
            reply("451 4.3.0 " + rcpt + " Temporary internal error");
            return;
        }
        if (!(found.result instanceof UserdbResult.Found)) {
            reply("550 5.1.1 " + rcpt + " User doesn't exist: " + path.address());
            return;
        }
        UserId user = ((UserdbResult.Found) found.result).user();
        if (!deliveries.acquire(user)) {
            LOG.info("lmtp({}): rcpt {}: {} deliveries to {} already running (lmtp_user_concurrency_limit)",
                    sessionId, rcpt, settings.userConcurrencyLimit(), user.name());
            reply("451 4.3.0 " + rcpt + " Too many concurrent deliveries for user");
            return;
        }
        recipients.add(new Recipient(path, user, found.detail));
        reply("250 2.1.5 OK");
    }

    private record Found(UserdbResult result, String detail) {
    }

    /**
     * The userdb's answer for the address without its detail ({@code user+box@domain} is user
     * {@code user@domain}); if that user does not exist, the whole address is tried, for users
     * whose names contain the delimiter.
     */
    private Found lookup(MailPath path) {
        String local = path.localPart();
        String domain = path.domain().isEmpty() ? "" : "@" + path.domain();
        int cut = -1;
        for (char d : settings.recipientDelimiter().toCharArray()) {
            int i = local.indexOf(d);
            if (i > 0 && (cut < 0 || i < cut)) {
                cut = i;
            }
        }
        if (cut > 0) {
            UserdbResult base = lookup(local.substring(0, cut) + domain);
            if (!(base instanceof UserdbResult.NotFound)) {
                return new Found(base, local.substring(cut + 1));
            }
        }
        return new Found(lookup(path.address()), "");
    }

    private UserdbResult lookup(String name) {
        try {
            return services.userdb().lookup(name, "lmtp");
        } catch (RuntimeException e) {
            LOG.error("lmtp({}): userdb lookup of {} failed", sessionId, name, e);
            return new UserdbResult.Unavailable(e.toString());
        }
    }

    private boolean data(String args) throws IOException {
        if (!args.isBlank()) {
            return !bad("501 5.5.4 DATA takes no parameters");
        }
        if (sender == null) {
            reply("503 5.5.1 MAIL needed first");
            return true;
        }
        if (chunks != null) {
            reply("503 5.5.1 DATA cannot follow BDAT");
            return true;
        }
        if (recipients.isEmpty()) {
            reply("554 5.5.1 No valid recipients");
            return true;
        }
        reply("354 OK");
        out.flush();
        try (Spool spool = new Spool(services.spoolDir(), settings.memorySpool())) {
            LmtpInput.Body body = in.readData(spool, settings.maxMessageSize());
            if (body == null) {
                LOG.info("lmtp({}): connection closed during DATA; nothing delivered", sessionId);
                return false;
            }
            deliver(spool, body.tooBig());
        }
        return true;
    }

    private boolean bdat(String args) throws IOException {
        String[] a = args.trim().split(" +");
        long size;
        try {
            size = Long.parseLong(a[0]);
        } catch (NumberFormatException e) {
            size = -1;
        }
        boolean last = a.length == 2 && a[1].equalsIgnoreCase("LAST");
        if (size < 0 || a.length > 2 || (a.length == 2 && !last)) {
            // The chunk's length is unknown, so the stream cannot be followed any further.
            reply("501 5.5.4 Syntax: BDAT size [LAST]");
            return false;
        }
        boolean fresh = chunks == null;
        if (fresh) {
            chunks = new Spool(services.spoolDir(), settings.memorySpool());
            chunksTooBig = false;
        }
        // The chunk is read whatever is wrong, so the next command is in step.
        if (!in.readChunk(size, chunks, chunks.size(), settings.maxMessageSize())) {
            LOG.info("lmtp({}): connection closed during BDAT; nothing delivered", sessionId);
            return false;
        }
        if (sender == null || recipients.isEmpty()) {
            chunks.close();
            chunks = null;
            reply(sender == null ? "503 5.5.1 MAIL needed first" : "554 5.5.1 No valid recipients");
            return true;
        }
        if (chunks.size() > settings.maxMessageSize()) {
            chunksTooBig = true;
        }
        if (!last) {
            reply("250 2.0.0 OK " + size + " octets received");
            return true;
        }
        Spool spool = chunks;
        try {
            deliver(spool, chunksTooBig);
        } finally {
            spool.close();
        }
        return true;
    }

    /** The end of DATA or BDAT LAST: a save and a reply per recipient, then a new transaction. */
    private void deliver(Spool spool, boolean tooBig) throws IOException {
        String mailId = newId();
        try {
            if (tooBig) {
                LOG.info("lmtp({}): message from <{}> over {} bytes; refused", sessionId, sender.address(),
                        settings.maxMessageSize());
                for (Recipient r : recipients) {
                    reply("552 5.3.4 <" + r.path().address() + "> Message too big: the limit is "
                            + settings.maxMessageSize() + " bytes");
                }
                return;
            }
            MessageContent body = spool.content();
            String received = settings.addReceivedHeader() ? received(mailId) : "";
            // The copies are saved at once (each user's store commits on its own, so their fsyncs
            // overlap) and answered in RCPT order, each once it is durable.
            List<CompletableFuture<MailboxName>> saves = new ArrayList<>(recipients.size());
            for (Recipient r : recipients) {
                byte[] head = ("Return-Path: <" + sender.address() + ">\r\nDelivered-To: " + r.path().address() + "\r\n"
                        + received).getBytes(StandardCharsets.UTF_8);
                MessageContent copy = MessageContent.concat(MessageContent.of(head), body);
                saves.add(recipients.size() == 1 ? saveNow(r, copy)
                        : CompletableFuture.supplyAsync(() -> save(r, copy), savers));
            }
            for (int i = 0; i < recipients.size(); i++) {
                Recipient r = recipients.get(i);
                String rcpt = "<" + r.path().address() + ">";
                try {
                    MailboxName box = saves.get(i).join();
                    reply("250 2.0.0 " + rcpt + " " + mailId + " Saved");
                    LOG.info("lmtp({}): {}: saved mail to {} (from <{}>, {} bytes)", sessionId, r.user().name(),
                            box.value(), sender.address(), body.size());
                } catch (CompletionException e) {
                    LOG.error("lmtp({}): saving mail for {} failed", sessionId, r.user().name(), e.getCause());
                    reply("451 4.2.0 " + rcpt + " Temporary internal error");
                }
            }
            transactions++;
        } finally {
            endTransaction();
        }
    }

    /** One recipient: saved on this thread, no hand-over. */
    private CompletableFuture<MailboxName> saveNow(Recipient r, MessageContent copy) {
        try {
            return CompletableFuture.completedFuture(save(r, copy));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Saves into the detail mailbox when asked and it exists, else INBOX; durable on return. */
    private MailboxName save(Recipient r, MessageContent content) {
        UserStore store = services.store().user(r.user());
        MailboxInfo box = null;
        if (settings.saveToDetailMailbox() && !r.detail().isEmpty()) {
            try {
                box = store.mailbox(MailboxName.of(r.detail())).orElse(null);
            } catch (IllegalArgumentException e) {
                box = null;
            }
        }
        if (box == null) {
            box = store.mailbox(MailboxName.INBOX).orElseThrow();
        }
        AppendResult saved = store.append(box.guid(), content, org.loftmail.core.model.Flags.NONE,
                System.currentTimeMillis());
        LOG.debug("lmtp({}): uid {} in {}", sessionId, saved.uid(), box.name().value());
        return box.name();
    }

    /** Dovecot's Received header; the recipient is named only when there is just one. */
    private String received(String mailId) {
        StringBuilder b = new StringBuilder("Received: from ").append(lhlo);
        if (remote != null) {
            b.append(" ([").append(remote.getHostAddress()).append("])");
        }
        b.append("\r\n\tby ").append(settings.hostname()).append(" with ").append(smtpUtf8 ? "UTF8LMTP" : "LMTP")
                .append("\r\n\tid ").append(mailId)
                .append("\r\n\t(envelope-from <").append(sender.address()).append(">)");
        if (recipients.size() == 1) {
            b.append("\r\n\tfor <").append(recipients.get(0).path().address()).append('>');
        }
        return b.append("; ").append(DATE.format(ZonedDateTime.now())).append("\r\n").toString();
    }

    private void endTransaction() {
        for (Recipient r : recipients) {
            deliveries.release(r.user());
        }
        recipients.clear();
        rcptCommands = 0;
        sender = null;
        smtpUtf8 = false;
        if (chunks != null) {
            chunks.close();
            chunks = null;
        }
    }

    int transactions() {
        return transactions;
    }

    String sessionId() {
        return sessionId;
    }

    private void reply(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** 16 characters of base64: Dovecot's ids look alike. */
    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
