package org.loftmail.perf.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison report's charts are real PNGs showing both servers in their colours. */
class ChartsTest {
    @TempDir
    Path dir;

    private static boolean has(BufferedImage img, java.awt.Color c) {
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if (img.getRGB(x, y) == c.getRGB()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void ratioBarsAndPercentileCurvesArePngsWithBothServers() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path bars = dir.resolve("ratios.png");
        Charts.ratios(bars, "test", List.of(new Charts.Ratio("imap-mixed", 1.3, 1.2, 1.4),
                new Charts.Ratio("pop3", 0.7, 0.6, 0.8)));
        BufferedImage img = ImageIO.read(bars.toFile());
        assertEquals(900, img.getWidth());
        assertTrue(has(img, Charts.LOFT), "a ratio above 1 is drawn in Loft's colour");
        assertTrue(has(img, Charts.DOVECOT), "a ratio below 1 in Dovecot's");

        Path curves = dir.resolve("latency.png");
        List<Charts.Point> a = List.of(new Charts.Point(50, 1), new Charts.Point(90, 2), new Charts.Point(99, 5),
                new Charts.Point(99.9, 9), new Charts.Point(100, 20));
        List<Charts.Point> b = List.of(new Charts.Point(50, 2), new Charts.Point(90, 3), new Charts.Point(99, 8),
                new Charts.Point(99.9, 30), new Charts.Point(100, 60));
        Charts.percentiles(curves, "test", a, b);
        BufferedImage c = ImageIO.read(curves.toFile());
        assertTrue(has(c, Charts.LOFT) && has(c, Charts.DOVECOT), "both curves are drawn");
    }
}
