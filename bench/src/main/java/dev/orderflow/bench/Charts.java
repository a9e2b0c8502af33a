package dev.orderflow.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's two pictures, as PNG files beside it. */
final class Charts {

    static final String LATENCY_VS_RATE = "latency-vs-rate.png";
    static final String THROUGHPUT_OVER_TIME = "throughput-over-time.png";
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 520;

    private Charts() {
    }

    /**
     * Placed → CONFIRMED/REJECTED percentiles per offered rate, the overload included. The latency axis is
     * logarithmic: an overload's backlog is seconds where a calm rate is milliseconds, and both must stay readable.
     */
    static void latencyVsRate(List<PhaseResult> offeredRates, Path file) throws IOException {
        XYSeriesCollection percentiles = new XYSeriesCollection();
        percentiles.addSeries(series("p50", offeredRates, phase -> phase.decided().p50()));
        percentiles.addSeries(series("p95", offeredRates, phase -> phase.decided().p95()));
        percentiles.addSeries(series("p99", offeredRates, phase -> phase.decided().p99()));
        JFreeChart chart = ChartFactory.createXYLineChart("Placed → CONFIRMED/REJECTED latency vs offered rate",
                "offered orders/s", "latency (ms, log scale)", percentiles, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis latency = new LogAxis("latency (ms, log scale)");
        latency.setSmallestValue(0.1);
        latency.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        plot.setRangeAxis(latency);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        style(plot);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Accepted and completed orders per second over the whole run, each phase marked where it began. */
    static void throughputOverTime(Timeline timeline, List<Phase> phases, long runStartEpochMicros, Path file)
            throws IOException {
        long firstSecond = runStartEpochMicros / 1_000_000;
        XYSeriesCollection rates = new XYSeriesCollection();
        rates.addSeries(perSecond("accepted/s", timeline.acceptedPerSecond(), firstSecond));
        rates.addSeries(perSecond("completed/s (CONFIRMED, REJECTED or CANCELLED)", timeline.completedPerSecond(), firstSecond));
        JFreeChart chart = ChartFactory.createXYLineChart("Throughput over the run", "seconds since the load began",
                "orders/s", rates, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(new XYLineAndShapeRenderer(true, false));
        for (Phase phase : phases) {
            ValueMarker start = new ValueMarker((phase.startEpochMicros() - runStartEpochMicros) / 1e6);
            start.setPaint(Color.GRAY);
            start.setLabel(phase.shortName());
            start.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            start.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(start);
        }
        style(plot);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static XYSeries series(String name, List<PhaseResult> phases, ToDoubleFunction<PhaseResult> millis) {
        XYSeries series = new XYSeries(name);
        for (PhaseResult phase : phases) {
            double value = millis.applyAsDouble(phase);
            if (phase.decided().count() > 0 && value > 0) {
                series.add(phase.offeredRate(), value);
            }
        }
        return series;
    }

    private static XYSeries perSecond(String name, NavigableMap<Long, Long> counts, long firstSecond) {
        XYSeries series = new XYSeries(name);
        if (counts.isEmpty()) {
            return series;
        }
        // Seconds with nothing in them are zeros, not gaps the line would bridge.
        for (long second = Math.max(firstSecond, counts.firstKey()); second <= counts.lastKey(); second++) {
            series.add(second - firstSecond, counts.getOrDefault(second, 0L));
        }
        return series;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int series = 0; series < plot.getDataset().getSeriesCount(); series++) {
            plot.getRenderer().setSeriesStroke(series, new BasicStroke(2f));
        }
    }
}
