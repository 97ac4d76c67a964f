package org.loftmail.perf.load;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Flame graphs from collapsed stacks (async-profiler's {@code collapsed} output: one line per
 * stack, frames root first separated by {@code ;}, then a space and the sample count), drawn
 * with Java2D as PNG so the report shows them inline; and the table of the hottest frames.
 * Width is the share of samples; colours follow the usual convention: Java green, native and
 * JVM red-orange, kernel ({@code _[k]}) orange.
 */
final class FlameGraph {
    private static final int WIDTH = 1600;
    private static final int ROW = 17;
    private static final int MAX_DEPTH = 64;
    private static final int TITLE = 34;

    /** One frame in the merged tree: its name, samples in and below it, its callees. */
    private static final class Node {
        final String name;
        long samples;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String name) {
            this.name = name;
        }
    }

    private final Node root = new Node("all");
    private final Map<String, Long> self = new HashMap<>();

    private FlameGraph() {
    }

    static FlameGraph read(Path collapsed) throws IOException {
        FlameGraph g = new FlameGraph();
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long n;
            try {
                n = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            String[] frames = line.substring(0, space).split(";");
            Node at = g.root;
            at.samples += n;
            for (String f : frames) {
                at = at.children.computeIfAbsent(f, Node::new);
                at.samples += n;
            }
            g.self.merge(frames[frames.length - 1], n, Long::sum);
        }
        return g;
    }

    long samples() {
        return root.samples;
    }

    /** A Markdown table of the {@code limit} frames with the most samples of their own. */
    String hottest(int limit) {
        StringBuilder b = new StringBuilder("| share of samples | frame (where the CPU was) |\n|---:|---|\n");
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> b.append(String.format(Locale.ROOT, "| %.1f %% | `%s` |%n",
                        100.0 * e.getValue() / Math.max(1, root.samples), e.getKey())));
        return b.toString();
    }

    /**
     * The share of samples whose stack holds a frame starting with {@code prefix} (a package or
     * class), counted once per stack.
     */
    double shareUnder(String prefix) {
        return root.samples == 0 ? 0 : (double) under(root, prefix) / root.samples;
    }

    private static long under(Node n, String prefix) {
        long sum = 0;
        for (Node c : n.children.values()) {
            sum += c.name.startsWith(prefix) ? c.samples : under(c, prefix);
        }
        return sum;
    }

    void png(Path file, String title) throws IOException {
        int depth = Math.min(MAX_DEPTH, depth(root));
        int height = TITLE + (depth + 1) * ROW + 10;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xf8, 0xf8, 0xf0));
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title + String.format(Locale.ROOT, " (%,d samples)", root.samples), 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        draw(g, root, 0, WIDTH, height - 10 - ROW, 0);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int depth(Node n) {
        int d = 0;
        for (Node c : n.children.values()) {
            d = Math.max(d, depth(c));
        }
        return d + 1;
    }

    /** Draws {@code n} in [x, x + w) at row {@code y} (the root at the bottom), then its callees above. */
    private void draw(Graphics2D g, Node n, double x, double w, int y, int level) {
        if (w < 0.5 || level > MAX_DEPTH) {
            return;
        }
        int px = (int) Math.round(x);
        int pw = Math.max(1, (int) Math.round(x + w) - px);
        g.setColor(colour(n.name));
        g.fillRect(px, y, pw, ROW - 1);
        FontMetrics fm = g.getFontMetrics();
        if (pw > 30) {
            String label = shortName(n.name);
            int full = fm.stringWidth(label);
            if (full > pw - 6) {
                int keep = label.length() * (pw - 6) / full - 1;
                label = keep >= 3 ? label.substring(0, keep) + "…" : null;
            }
            if (label != null) {
                g.setColor(Color.BLACK);
                g.drawString(label, px + 3, y + ROW - 5);
            }
        }
        double cx = x;
        List<Node> kids = new ArrayList<>(n.children.values());
        kids.sort((a, b) -> a.name.compareTo(b.name));
        for (Node c : kids) {
            double cw = w * c.samples / n.samples;
            draw(g, c, cx, cw, y - ROW, level + 1);
            cx += cw;
        }
    }

    /** {@code org/loftmail/pop3/wire/DotStuffer.write} → {@code DotStuffer.write}. */
    private static String shortName(String frame) {
        int slash = frame.lastIndexOf('/', frame.indexOf('.') < 0 ? frame.length() : frame.indexOf('.'));
        return slash >= 0 && !frame.endsWith("_[k]") ? frame.substring(slash + 1) : frame;
    }

    private static Color colour(String frame) {
        int h = Math.abs(frame.hashCode());
        int v = h % 60;
        if (frame.endsWith("_[k]")) {
            return new Color(230, 140 + v / 2, 40);
        }
        if (frame.contains("/") || frame.endsWith("_[j]") || frame.endsWith("_[i]")) {
            return new Color(60 + v, 190 + v / 2, 60 + v / 3);
        }
        return new Color(225, 80 + v, 60 + v / 2);
    }
}
