package dev.databricksmcp.server.tools.sql;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a {@link ChartData} as a PNG with JFreeChart, without a display ({@code
 * java.awt.headless=true}): flat bars and lines in one colour on white, a title and both axis
 * labels, so a chart reads at a glance and its bars can be counted by a test.
 */
final class ChartRenderer {
  static {
    // a server has no display: AWT must never try to open one (before any AWT class, Color too)
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 800;
  static final int HEIGHT = 450;

  /** The colour of every bar, line and point. */
  static final Color SERIES = new Color(0x1f, 0x77, 0xb4);

  private ChartRenderer() {}

  static byte[] png(ChartData data) {
    JFreeChart chart =
        switch (data.type()) {
          case "bar" -> bar(data);
          case "histogram" -> histogram(data);
          default -> xy(data);
        };
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new IllegalStateException("could not encode the chart as PNG", e);
    }
    return out.toByteArray();
  }

  private static JFreeChart bar(ChartData data) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (List<Object> p : data.points()) {
      dataset.addValue((Number) p.get(1), data.yLabel(), String.valueOf(p.get(0)));
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            data.title(),
            data.xLabel(),
            data.yLabel(),
            dataset,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, SERIES);
    renderer.setItemMargin(0);
    if (data.points().size() > 12) {
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    return chart;
  }

  private static JFreeChart histogram(ChartData data) {
    XYSeries series = new XYSeries(data.yLabel());
    for (List<Object> p : data.points()) {
      // each point is a bin: [from, to, count]; drawn at its middle, as wide as the bin
      double from = ((Number) p.get(0)).doubleValue();
      double to = ((Number) p.get(1)).doubleValue();
      series.add((from + to) / 2, (Number) p.get(2));
    }
    XYSeriesCollection dataset = new XYSeriesCollection(series);
    if (data.points().size() > 0) {
      List<Object> first = data.points().get(0);
      dataset.setIntervalWidth(
          ((Number) first.get(1)).doubleValue() - ((Number) first.get(0)).doubleValue());
    }
    JFreeChart chart =
        ChartFactory.createXYBarChart(
            data.title(),
            data.xLabel(),
            false,
            data.yLabel(),
            dataset,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, SERIES);
    renderer.setDrawBarOutline(true);
    renderer.setSeriesOutlinePaint(0, Color.WHITE);
    return chart;
  }

  private static JFreeChart xy(ChartData data) {
    XYSeries series = new XYSeries(data.yLabel(), false, true);
    for (List<Object> p : data.points()) {
      series.add((Number) p.get(0), (Number) p.get(1));
    }
    XYSeriesCollection dataset = new XYSeriesCollection(series);
    JFreeChart chart =
        "line".equals(data.type())
            ? ChartFactory.createXYLineChart(
                data.title(),
                data.xLabel(),
                data.yLabel(),
                dataset,
                PlotOrientation.VERTICAL,
                false,
                false,
                false)
            : ChartFactory.createScatterPlot(
                data.title(),
                data.xLabel(),
                data.yLabel(),
                dataset,
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.getRenderer().setSeriesPaint(0, SERIES);
    plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
    if (data.timeX()) {
      plot.setDomainAxis(new DateAxis(data.xLabel()));
    }
    return chart;
  }

  /**
   * What a chart is drawn from, and what the tool returns beside the image.
   *
   * @param type bar, line, scatter or histogram
   * @param points bar: [category, value]; line and scatter: [x, y]; histogram: [from, to, count]
   * @param reduced null when every row is drawn as it came, else how the rows were reduced
   * @param timeX x is a date or time, as epoch milliseconds (UTC)
   */
  record ChartData(
      String type,
      String title,
      String xLabel,
      String yLabel,
      List<List<Object>> points,
      String reduced,
      boolean timeX) {
    Map<String, Object> describe() {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      out.put("type", type);
      out.put("title", title);
      out.put("x_label", xLabel);
      out.put("y_label", yLabel);
      out.put("points", new ArrayList<>(points));
      out.put("point_count", points.size());
      if (reduced != null) {
        out.put("reduced", reduced);
      }
      return out;
    }
  }
}
