package org.loftmail.perf.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The comparison report's PNG charts, drawn with Java2D so the report needs no plotting tool:
 * the Loft/Dovecot throughput ratio per profile, and latency percentile curves per profile.
 */
final class Charts {
    static final Color LOFT = new Color(0x1f, 0x77, 0xb4);
    static final Color DOVECOT = new Color(0xd6, 0x27, 0x28);
    private static final int W = 900;
    private static final int H = 480;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 80;

    /** One bar: a profile's median Loft/Dovecot ratio, with min and max over the repeats. */
    record Ratio(String profile, double median, double min, double max) { }

    /** One curve point: latency in milliseconds at a percentile. */
    record Point(double percentile, double millis) { }

    private Charts() {
    }

    static void ratios(Path file, String title, List<Ratio> bars) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        double top = Math.max(2.0, bars.stream().mapToDouble(Ratio::max).max().orElse(1) * 1.15);
        int plotH = H - TOP - BOTTOM;
        int plotW = W - LEFT - RIGHT;
        axisY(g, top, plotH, "Loft / Dovecot (higher is better for Loft)", false);
        int y1 = TOP + plotH - (int) (plotH / top);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(LEFT, y1, LEFT + plotW, y1);
        g.setStroke(new BasicStroke(1));
        int slot = plotW / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Ratio r = bars.get(i);
            int x = LEFT + i * slot + slot / 4;
            int w = slot / 2;
            int y = TOP + plotH - (int) (plotH * r.median() / top);
            g.setColor(r.median() >= 1 ? LOFT : DOVECOT);
            g.fillRect(x, y, w, TOP + plotH - y);
            g.setColor(Color.BLACK);
            int yMin = TOP + plotH - (int) (plotH * r.min() / top);
            int yMax = TOP + plotH - (int) (plotH * r.max() / top);
            g.drawLine(x + w / 2, yMin, x + w / 2, yMax);
            g.drawLine(x + w / 2 - 6, yMin, x + w / 2 + 6, yMin);
            g.drawLine(x + w / 2 - 6, yMax, x + w / 2 + 6, yMax);
            g.drawString(String.format(Locale.ROOT, "%.2f×", r.median()), x, y - 6);
            g.drawString(r.profile(), x, TOP + plotH + 20);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** Loft's and Dovecot's latency at each percentile (x: 50, 90, 99, 99.9, max spaced evenly). */
    static void percentiles(Path file, String title, List<Point> loft, List<Point> dovecot) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        double top = Math.max(1, Math.max(loft.stream().mapToDouble(Point::millis).max().orElse(1),
                dovecot.stream().mapToDouble(Point::millis).max().orElse(1)));
        double logTop = Math.log10(top * 2);
        double logBottom = Math.log10(Math.max(0.01, Math.min(min(loft), min(dovecot)) / 2));
        int plotH = H - TOP - BOTTOM;
        int plotW = W - LEFT - RIGHT;
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        for (int e = (int) Math.floor(logBottom); e <= Math.ceil(logTop); e++) {
            double v = Math.pow(10, e);
            if (e < logBottom || e > logTop) {
                continue;
            }
            int y = TOP + plotH - (int) (plotH * (e - logBottom) / (logTop - logBottom));
            g.setColor(new Color(0xdd, 0xdd, 0xdd));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.BLACK);
            g.drawString(v >= 1 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.2f ms", v),
                    8, y + 4);
        }
        String[] labels = {"p50", "p90", "p99", "p99.9", "max"};
        int n = labels.length;
        for (int i = 0; i < n; i++) {
            g.drawString(labels[i], LEFT + i * plotW / (n - 1) - 10, TOP + plotH + 20);
        }
        curve(g, loft, LOFT, logBottom, logTop, plotW, plotH);
        curve(g, dovecot, DOVECOT, logBottom, logTop, plotW, plotH);
        legend(g);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static double min(List<Point> p) {
        return p.stream().mapToDouble(Point::millis).filter(v -> v > 0).min().orElse(1);
    }

    private static void curve(Graphics2D g, List<Point> points, Color color, double logBottom, double logTop, int plotW,
                              int plotH) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.5f));
        int px = -1;
        int py = -1;
        for (int i = 0; i < points.size(); i++) {
            int x = LEFT + i * plotW / (points.size() - 1);
            double v = Math.log10(Math.max(points.get(i).millis(), Math.pow(10, logBottom)));
            int y = TOP + plotH - (int) (plotH * (v - logBottom) / (logTop - logBottom));
            g.fillOval(x - 4, y - 4, 8, 8);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1));
    }

    private static void legend(Graphics2D g) {
        g.setColor(LOFT);
        g.fillRect(W - 200, TOP + 10, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString("Loft", W - 180, TOP + 22);
        g.setColor(DOVECOT);
        g.fillRect(W - 120, TOP + 10, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString("Dovecot", W - 100, TOP + 22);
    }

    private static void axisY(Graphics2D g, double top, int plotH, String label, boolean log) {
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawLine(LEFT, TOP + plotH, W - RIGHT, TOP + plotH);
        double step = top > 20 ? 5 : top > 8 ? 2 : top > 4 ? 1 : 0.5;
        for (double v = 0; v <= top + 1e-9; v += step) {
            int y = TOP + plotH - (int) (plotH * v / top);
            g.drawString(String.format(Locale.ROOT, "%.1f", v), LEFT - 35, y + 4);
        }
        g.drawString(label, LEFT, H - 20);
    }

    private static Graphics2D canvas(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return g;
    }
}
