package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * visualize_query against the sandbox: the PNG after the envelope is decoded and checked (size, not
 * blank, one bar of the series colour per hour of day on samples.nyctaxi.trips), the points it was
 * drawn from are in the data, axes are picked from the column types, big results are reduced and
 * say so, and writes are refused by the same guard as execute_sql_read_only.
 */
@Timeout(120)
class ChartToolsTest {
  static final String TRIPS_PER_HOUR =
      "SELECT hour(tpep_pickup_datetime) AS pickup_hour, count(*) AS trips"
          + " FROM samples.nyctaxi.trips GROUP BY 1 ORDER BY 1";
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> chart(CallToolResult r) {
    return (Map<String, Object>) ok(r).get("chart");
  }

  private static BufferedImage image(CallToolResult r) throws Exception {
    assertThat(r.content()).hasSize(2);
    assertThat(r.content().get(0)).isInstanceOf(TextContent.class);
    ImageContent png = (ImageContent) r.content().get(1);
    assertThat(png.mimeType()).isEqualTo("image/png");
    byte[] bytes = Base64.getDecoder().decode(png.data());
    Path out = Path.of("target", "charts");
    Files.createDirectories(out);
    Files.write(out.resolve("chart-" + System.nanoTime() + ".png"), bytes);
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  /** The most runs of the series colour crossed by one pixel row: the number of bars. */
  static int bars(BufferedImage img) {
    int best = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      int runs = 0;
      boolean inBar = false;
      for (int x = 0; x < img.getWidth(); x++) {
        boolean bar = (img.getRGB(x, y) & 0xffffff) == (ChartRenderer.SERIES.getRGB() & 0xffffff);
        if (bar && !inBar) {
          runs++;
        }
        inBar = bar;
      }
      best = Math.max(best, runs);
    }
    return best;
  }

  @Test
  void tripsPerHourOfDayIsABarChartOf24Bars() throws Exception {
    CallToolResult r = fx.call("visualize_query", Map.of("statement", TRIPS_PER_HOUR));
    Map<String, Object> chart = chart(r);
    assertThat(chart)
        .containsEntry("type", "bar")
        .containsEntry("x_label", "pickup_hour")
        .containsEntry("y_label", "trips")
        .containsEntry("title", "trips by pickup_hour")
        .containsEntry("point_count", 24);
    @SuppressWarnings("unchecked")
    List<List<Object>> points = (List<List<Object>>) chart.get("points");
    assertThat(points.get(0).get(0)).isEqualTo("0");
    assertThat(points.get(23).get(0)).isEqualTo("23");
    long total = points.stream().mapToLong(p -> ((Number) p.get(1)).longValue()).sum();
    assertThat(total).isEqualTo(fx.rowCount("samples.nyctaxi.trips"));
    assertThat(message(r)).contains("24 bars from 24 rows");

    BufferedImage img = image(r);
    assertThat(img.getWidth()).isEqualTo(800);
    assertThat(img.getHeight()).isEqualTo(450);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertThat(colours).hasSizeGreaterThan(4);
    assertThat(bars(img)).isEqualTo(24);
    Files.copy(
        new ByteArrayInputStream(
            Base64.getDecoder().decode(((ImageContent) r.content().get(1)).data())),
        Path.of("target", "charts", "trips-per-hour.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aTimeXIsALineAndManyPointsAreAveragedAndSaySo() throws Exception {
    CallToolResult r =
        fx.call(
            "visualize_query",
            Map.of(
                "statement",
                "SELECT tpep_pickup_datetime, fare_amount FROM samples.nyctaxi.trips",
                "max_points",
                50));
    Map<String, Object> chart = chart(r);
    assertThat(chart).containsEntry("type", "line").containsEntry("point_count", 50);
    assertThat(String.valueOf(chart.get("reduced"))).startsWith("Averaged ");
    assertThat(message(r)).contains("Averaged");
    assertThat(image(r).getWidth()).isEqualTo(800);
  }

  @Test
  void oneNumericColumnIsAHistogramAndScatterIsSampled() throws Exception {
    CallToolResult hist =
        fx.call(
            "visualize_query",
            Map.of("statement", "SELECT trip_distance FROM samples.nyctaxi.trips"));
    assertThat(chart(hist)).containsEntry("type", "histogram").containsEntry("y_label", "rows");
    @SuppressWarnings("unchecked")
    List<List<Object>> bins = (List<List<Object>>) chart(hist).get("points");
    long counted = bins.stream().mapToLong(b -> ((Number) b.get(2)).longValue()).sum();
    assertThat(counted).isEqualTo(((Number) ok(hist).get("rows_used")).longValue());
    long nonEmpty = bins.stream().filter(b -> ((Number) b.get(2)).longValue() > 0).count();
    assertThat(bars(image(hist))).isBetween(1, (int) nonEmpty);

    CallToolResult scatter =
        fx.call(
            "visualize_query",
            Map.of(
                "statement",
                "SELECT trip_distance, fare_amount FROM samples.nyctaxi.trips",
                "chart",
                "scatter",
                "max_points",
                100));
    assertThat(chart(scatter)).containsEntry("type", "scatter");
    assertThat(((Number) chart(scatter).get("point_count")).intValue()).isLessThanOrEqualTo(100);
    assertThat(message(scatter)).contains("Sampled every");
  }

  @Test
  void badColumnsAndWritesAreRefused() {
    CallToolResult noSuch =
        fx.call("visualize_query", Map.of("statement", TRIPS_PER_HOUR, "y", "fares"));
    assertThat(errorCode(noSuch)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(noSuch).get("error"))).contains("y").contains("pickup_hour");

    CallToolResult notNumeric =
        fx.call("visualize_query", Map.of("statement", "SELECT 'a' AS k, 'b' AS v", "y", "v"));
    assertThat(errorCode(notNumeric)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(notNumeric).get("error"))).contains("not numeric");

    CallToolResult write =
        fx.call("visualize_query", Map.of("statement", "DELETE FROM samples.nyctaxi.trips"));
    assertThat(errorCode(write)).isIn("VALIDATION_ERROR", "READ_ONLY");
    assertThat(fx.rowCount("samples.nyctaxi.trips")).isGreaterThan(0);
  }
}
