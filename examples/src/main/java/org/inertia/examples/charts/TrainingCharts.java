package org.inertia.examples.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.inertia.nn.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts of training curves (JFreeChart), written as PNG files atomically. */
public final class TrainingCharts {
    private TrainingCharts() {
    }

    /** One curve: a label and its (epoch, value) points. */
    public record Curve(String label, List<double[]> points) {
    }

    /** A single chart of {@code curves} against the epoch. */
    public static void write(Path file, String title, String yLabel, List<Curve> curves) throws IOException {
        XYPlot plot = plot(yLabel, curves, 0);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, true);
        save(file, chart, 900, 560);
    }

    /** Several charts stacked on a shared epoch axis, in one PNG: {y label → curves}. */
    public static void writeStacked(Path file, String title, Map<String, List<Curve>> panels) throws IOException {
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(epochs);
        combined.setGap(12);
        for (Map.Entry<String, List<Curve>> panel : panels.entrySet()) {
            combined.add(plot(panel.getKey(), panel.getValue(), 0), 1);
        }
        // Every panel draws the same curves in the same colours: list each once, not once per panel.
        combined.setFixedLegendItems(combined.getSubplots().get(0).getLegendItems());
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), combined, true);
        save(file, chart, 900, 360 * panels.size());
    }

    private static XYPlot plot(String yLabel, List<Curve> curves, int colorOffset) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.label(), false, true);
            for (double[] p : c.points()) {
                if (Double.isFinite(p[1])) {
                    s.add(p[0], p[1]);
                }
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis("epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesPaint(i, Palette.color(i + colorOffset));
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        return plot;
    }

    private static void save(Path file, JFreeChart chart, int width, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }
}
