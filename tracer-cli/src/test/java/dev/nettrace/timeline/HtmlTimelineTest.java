package dev.nettrace.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.correlate.KernelAccess;
import dev.nettrace.render.HtmlOutput;
import dev.nettrace.testkit.Privileges;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML timeline of a real process's sockets, rendered by headless Chromium. */
class HtmlTimelineTest {
    @TempDir Path tmp;

    @Test
    void barsForEveryConnectionAreDrawnWithoutNetworkAssets() throws Exception {
        Privileges.requireRoot("borrows the sockets of another process (pidfd_getfd)");
        Chromium.require();
        List<Connection> conns;
        Path html = tmp.resolve("timeline.html");
        try (PythonProgram holder = PythonProgram.start(List.of(), Scripts.HOLDER); KernelAccess kernel = new KernelAccess(true)) {
            holder.awaitLine();
            Correlator c = new Correlator(kernel);
            c.snapshot(holder.pid());
            conns = c.connections();
            HtmlOutput.write(html, c, 0, 0);
        }
        assertEquals(5, conns.size(), "listener, two ends, udp, unix");
        String page = Files.readString(html);
        assertTrue(onlySvgNamespace(page), "no network assets");

        String dom = Chromium.dumpDom(html);
        Matcher bars = Pattern.compile("<rect class=\"bar o-([a-z-]+)\"").matcher(dom);
        int n = 0;
        while (bars.find()) {
            assertEquals("pre-existing", bars.group(1));
            n++;
        }
        assertEquals(conns.size(), n, "one bar per connection in the DOM");
        assertTrue(dom.contains("python3 ["), "a lane labelled with the process");

        BufferedImage img = ImageIO.read(Chromium.screenshot(html, tmp.resolve("shot.png"), 1200, 500).toFile());
        int barColour = 0x4a90d9, barPixels = 0, nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb != 0xffffff) nonWhite++;
                if (rgb == barColour) barPixels++;
            }
        }
        assertTrue(nonWhite > 10_000, "screenshot is blank: " + nonWhite + " non-white pixels");
        assertTrue(barPixels > 5 * 500, "bars in the outcome colour: " + barPixels + " pixels");
    }

    /** The only URL allowed is the SVG namespace name, which is an identifier, not a fetch. */
    static boolean onlySvgNamespace(String page) {
        return !page.replace("http://www.w3.org/2000/svg", "").matches("(?s).*https?://.*");
    }
}
