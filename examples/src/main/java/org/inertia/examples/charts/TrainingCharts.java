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
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts of training curves (JFreeChart), written as PNG files atomically. */
public final class TrainingCharts {
    private TrainingCharts() {
    }

    /**
     * One curve: a label, its (epoch, value) points, its colour (null: the label's, see {@link Palette})
     * and whether it is dashed.
     */
    public record Curve(String label, List<double[]> points, Color color, boolean dashed) {
        /** A solid curve in its label's colour. */
        public Curve(String label, List<double[]> points) {
            this(label, points, null, false);
        }
    }

    /** A single chart of {@code curves} against the epoch; {@code subtitle} (may be null) goes under the title. */
    public static void write(Path file, String title, String subtitle, String yLabel, List<Curve> curves)
            throws IOException {
        XYPlot plot = plot(yLabel, curves);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, true);
        subtitle(chart, subtitle);
        save(file, chart, 900, 560);
    }

    /** Several charts stacked on a shared epoch axis, in one PNG: {y label → curves}. */
    public static void writeStacked(Path file, String title, String subtitle, Map<String, List<Curve>> panels)
            throws IOException {
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(epochs);
        combined.setGap(12);
        for (Map.Entry<String, List<Curve>> panel : panels.entrySet()) {
            combined.add(plot(panel.getKey(), panel.getValue()), 1);
        }
        // Every panel draws the same curves in the same colours: list each once, not once per panel.
        combined.setFixedLegendItems(combined.getSubplots().get(0).getLegendItems());
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), combined, true);
        subtitle(chart, subtitle);
        save(file, chart, 900, 360 * panels.size());
    }

    /** The hyperparameters line under a title: one optimizer's η and β, or each optimizer's. */
    static void subtitle(JFreeChart chart, String text) {
        if (text != null && !text.isEmpty()) {
            chart.addSubtitle(0, new TextTitle(text, new Font("SansSerif", Font.PLAIN, 12)));
        }
    }

    private static XYPlot plot(String yLabel, List<Curve> curves) {
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
            Curve c = curves.get(i);
            r.setSeriesPaint(i, c.color() != null ? c.color() : Palette.color(c.label(), i));
            r.setSeriesStroke(i, c.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
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
