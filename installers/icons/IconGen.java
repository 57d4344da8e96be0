import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the QueryBench application icon — a results table on the accent blue of the light
 * theme, with a green "pass" check — and writes it in the three forms jpackage wants:
 * {@code querybench.png} (Linux, 256 px; {@code hicolor/NxN.png} from 16 to 512 px for the packages), {@code querybench.ico} (Windows: 16, 32, 48 and 256 px
 * PNG images) and {@code querybench.icns} (macOS: 16 to 512 px PNG images).
 *
 * <pre>java installers/icons/IconGen.java installers/icons</pre>
 *
 * The output is committed; run this again only when the drawing changes.
 */
public final class IconGen {

    private static final Color ACCENT = new Color(0x2f6fe4);
    private static final Color ACCENT_DARK = new Color(0x2459bd);
    private static final Color ACCENT_SOFT = new Color(0xe6eefc);
    private static final Color BORDER = new Color(0xc9d0da);
    private static final Color PASS = new Color(0x1a7f37);

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "installers/icons");
        Files.createDirectories(dir);
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : List.of(16, 24, 32, 48, 64, 128, 256, 512)) {
            png.put(size, encode(draw(size)));
        }
        Files.write(dir.resolve("querybench.png"), png.get(256));
        // The Linux packages' hicolor theme sizes: usr/share/icons/hicolor/NxN/apps/querybench.png.
        Files.createDirectories(dir.resolve("hicolor"));
        for (Map.Entry<Integer, byte[]> image : png.entrySet()) {
            Files.write(dir.resolve("hicolor").resolve(image.getKey() + "x" + image.getKey() + ".png"), image.getValue());
        }
        Files.write(dir.resolve("querybench.ico"), ico(png, List.of(16, 32, 48, 256)));
        Files.write(dir.resolve("querybench.icns"), icns(png));
        System.out.println("wrote querybench.png, querybench.ico and querybench.icns in " + dir);
    }

    /** Draws on a 512 unit canvas scaled to {@code size} pixels. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 512.0, size / 512.0);

        // Tile.
        g.setPaint(new GradientPaint(0, 32, ACCENT, 0, 480, ACCENT_DARK));
        g.fill(new RoundRectangle2D.Double(32, 32, 448, 448, 104, 104));

        // Results table: a header row and three rows, two columns.
        double x = 100, y = 118, w = 312, h = 264;
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(x, y, w, h, 36, 36));
        g.setColor(ACCENT_SOFT);
        g.fill(new RoundRectangle2D.Double(x, y, w, 72, 36, 36));
        g.fillRect((int) x, (int) (y + 40), (int) w, 32);
        g.setColor(BORDER);
        g.setStroke(new BasicStroke(size < 48 ? 14 : 8));
        for (int row = 1; row <= 2; row++) {
            double ly = y + 72 + row * 64;
            g.draw(new java.awt.geom.Line2D.Double(x + 24, ly, x + w - 24, ly));
        }
        g.draw(new java.awt.geom.Line2D.Double(x + 128, y + 96, x + 128, y + h - 24));
        g.setColor(ACCENT);
        g.setStroke(new BasicStroke(size < 48 ? 18 : 14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(x + 32, y + 36, x + 96, y + 36));
        g.draw(new java.awt.geom.Line2D.Double(x + 160, y + 36, x + 260, y + 36));

        // Pass badge over the table's lower right corner.
        double cx = 372, cy = 372, r = 78;
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(cx - r - 12, cy - r - 12, 2 * r + 24, 2 * r + 24));
        g.setColor(PASS);
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        Path2D check = new Path2D.Double();
        check.moveTo(cx - 38, cy + 2);
        check.lineTo(cx - 10, cy + 30);
        check.lineTo(cx + 40, cy - 26);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(22, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(check);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An ICO file whose images are PNG streams (read by Windows Vista and later). */
    static byte[] ico(Map<Integer, byte[]> png, List<Integer> sizes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.short16(0);
        out.short16(1);
        out.short16(sizes.size());
        int offset = 6 + 16 * sizes.size();
        for (int size : sizes) {
            out.byte8(size >= 256 ? 0 : size);
            out.byte8(size >= 256 ? 0 : size);
            out.byte8(0);
            out.byte8(0);
            out.short16(1);
            out.short16(32);
            out.int32(png.get(size).length);
            out.int32(offset);
            offset += png.get(size).length;
        }
        for (int size : sizes) {
            bytes.write(png.get(size));
        }
        return bytes.toByteArray();
    }

    /** An ICNS file with PNG images: icp4 16, icp5 32, ic07 128, ic08 256, ic09 512. */
    static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (Map.Entry<String, Integer> type : types.entrySet()) {
            byte[] data = png.get(type.getValue());
            out.writeBytes(type.getKey());
            out.writeInt(8 + data.length);
            out.write(data);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeBytes("icns");
        header.writeInt(8 + body.size());
        body.writeTo(file);
        return file.toByteArray();
    }

    private record LittleEndian(ByteArrayOutputStream out) {
        void byte8(int v) {
            out.write(v & 0xff);
        }

        void short16(int v) {
            byte8(v);
            byte8(v >> 8);
        }

        void int32(int v) {
            short16(v);
            short16(v >> 16);
        }
    }
}
