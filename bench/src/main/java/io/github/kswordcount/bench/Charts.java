package io.github.kswordcount.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;

/**
 * Draws {@code docs/benchmarks.png} with XChart: the ratio of each pair, and each side's throughput against the
 * ceiling, one chart above the other.
 */
final class Charts {

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 460;
  private static final Color OURS = new Color(0x2E7D32);
  private static final Color THEIRS = new Color(0x9E9E9E);
  private static final Color CEILING = new Color(0x1565C0);

  private Charts() {}

  /**
   * Writes the PNG (the direct jobs' cold and warm rows are two bars each chart).
   *
   * @param rows the table's rows
   * @param lines the lines each run handled, for the titles
   * @param png the file to write
   * @throws IOException if it cannot be written
   */
  static void write(List<Comparison> rows, long lines, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BitmapEncoder.saveBitmap(List.of(ratios(rows, lines), throughput(rows, lines)), 2, 1, png.toString(),
        BitmapEncoder.BitmapFormat.PNG);
  }

  static CategoryChart ratios(List<Comparison> rows, long lines) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("How many times faster ours is than the alternative (medians, and the rounds' range; " + Stats.grouped(lines) + " lines)")
        .yAxisTitle("ratio").build();
    style(chart);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setOverlapped(true);
    List<String> labels = rows.stream().map(Comparison::chartLabel).toList();
    chart.addSeries("ratio", labels, rows.stream().map(Comparison::ratio).toList())
        .setFillColor(OURS);
    // The rounds' range: a bar whose lowest round is under the line is not a speed-up that holds.
    for (String end : List.of("lowest round", "highest round")) {
      CategorySeries round = chart.addSeries(end, labels, rows.stream()
          .map(row -> end.startsWith("lowest") ? row.minRatio() : row.maxRatio()).toList());
      round.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
      round.setMarker(end.startsWith("lowest") ? SeriesMarkers.TRIANGLE_DOWN : SeriesMarkers.TRIANGLE_UP);
      round.setMarkerColor(Color.BLACK);
    }
    CategorySeries even = chart.addSeries("1 = as fast", labels, rows.stream().map(row -> 1.0).toList());
    even.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
    even.setLineColor(Color.BLACK);
    even.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  static CategoryChart throughput(List<Comparison> rows, long lines) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Records per second against the ceiling on the same broker (" + Stats.grouped(lines) + " lines)")
        .yAxisTitle("records/s").build();
    style(chart);
    chart.getStyler().setYAxisDecimalPattern("#,###");
    List<String> labels = rows.stream().map(Comparison::chartLabel).toList();
    chart.addSeries("ours", labels, rows.stream().map(Comparison::oursRate).toList()).setFillColor(OURS);
    chart.addSeries("the alternative", labels, rows.stream().map(Comparison::theirsRate).toList())
        .setFillColor(THEIRS);
    chart.addSeries("ceiling: Kafka's ProducerPerformance / ConsumerPerformance", labels,
        rows.stream().map(row -> row.ceiling().rate()).toList()).setFillColor(CEILING);
    return chart;
  }

  private static void style(CategoryChart chart) {
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setYAxisMin(0.0);
  }
}
