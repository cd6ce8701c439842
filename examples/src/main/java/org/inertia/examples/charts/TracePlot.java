package org.inertia.examples.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.optim.trace.Objective;
import org.inertia.optim.trace.TracePoint;
import org.inertia.nn.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Optimizer trajectories drawn over a test function's contours (JFreeChart). The function is shown
 * as filled contour bands of log(1 + f), so both the valley floor and the steep walls are visible.
 */
public final class TracePlot {
    private static final int GRID = 300;
    private static final int BANDS = 16;

    private TracePlot() {
    }

    /** One trajectory: its legend label, its colour ({@link Palette}) and its points. */
    public record Series(String label, Color color, List<TracePoint> points) {
    }

    /**
     * Writes the plot as a PNG (atomically); {@code subtitle} (may be null) goes under the title. Each
     * path starts at the grey circle and ends at a triangle of its colour.
     */
    public static void write(Path file, Objective function, List<Series> traces, String title, String subtitle)
            throws IOException {
        double[] range = range(function, traces);
        DefaultXYZDataset surface = contours(function, range);
        XYPlot plot = new XYPlot(surface, axis("x", range[0], range[1]), axis("y", range[2], range[3]),
                contourRenderer(range, surface));

        XYSeriesCollection paths = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        LegendItemCollection legend = new LegendItemCollection();
        for (Series t : traces) {
            XYSeries s = finite(t.label(), t.points());
            int i = paths.getSeriesCount();
            paths.addSeries(s);
            lines.setSeriesPaint(i, t.color());
            lines.setSeriesStroke(i, new BasicStroke(2.0f));
            legend.add(new LegendItem(t.label(), null, null, null, new Line2D.Double(-7, 0, 7, 0), new BasicStroke(2.5f),
                    t.color()));
        }
        for (Series t : traces) {                                    // each path's last finite point
            XYSeries s = finite(t.label(), t.points());
            XYSeries end = new XYSeries("end " + t.label(), false, true);
            if (!s.isEmpty()) {
                end.add(s.getX(s.getItemCount() - 1), s.getY(s.getItemCount() - 1));
            }
            markers(lines, paths, end, END, t.color());
        }
        XYSeries minima = new XYSeries("minimum", false, true);
        function.minima().forEach(m -> minima.add(m[0], m[1]));
        markers(lines, paths, minima, ShapeUtils.createDiagonalCross(5, 1.2f), Color.BLACK);
        XYSeries starts = new XYSeries("start", false, true);
        traces.stream().map(Series::points).filter(t -> !t.isEmpty()).findFirst()
                .ifPresent(t -> starts.add(t.get(0).x(), t.get(0).y()));
        markers(lines, paths, starts, START, Color.DARK_GRAY);
        legend.add(new LegendItem("start", null, null, null, START, Color.DARK_GRAY));
        legend.add(new LegendItem("end", null, null, null, END, Color.DARK_GRAY));
        legend.add(new LegendItem("minimum", null, null, null, ShapeUtils.createDiagonalCross(5, 1.2f), Color.BLACK));
        plot.setDataset(1, paths);
        plot.setRenderer(1, lines);
        plot.setFixedLegendItems(legend);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);

        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, true);
        TrainingCharts.subtitle(chart, subtitle);
        chart.setBackgroundPaint(Color.WHITE);
        // Anti-aliasing would blend the seams of the 90,000 contour blocks (and triple the file size).
        chart.setAntiAlias(false);
        chart.setTextAntiAlias(true);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 900, 720));
    }

    /** The loss against the step, one curve per trajectory in its colour, on a log scale. */
    public static void writeLoss(Path file, List<Series> traces, String title, String subtitle) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        for (Series t : traces) {
            XYSeries s = new XYSeries(t.label(), false, true);
            for (TracePoint p : t.points()) {
                if (Double.isFinite(p.loss()) && p.loss() > 0) {        // a log axis has no place for 0
                    s.add(p.step(), p.loss());
                }
            }
            data.addSeries(s);
            lines.setSeriesPaint(i, t.color());
            lines.setSeriesStroke(i, new BasicStroke(2.0f));
            i++;
        }
        NumberAxis steps = new NumberAxis("step");
        steps.setAutoRangeIncludesZero(true);
        LogAxis loss = new LogAxis("loss");
        loss.setSmallestValue(1e-300);
        loss.setStandardTickUnits(NumberAxis.createIntegerTickUnits());       // whole decades
        loss.setNumberFormatOverride(new java.text.DecimalFormat("0.#E0"));
        XYPlot plot = new XYPlot(data, steps, loss, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, true);
        TrainingCharts.subtitle(chart, subtitle);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 900, 560));
    }

    private static final Shape START = new Ellipse2D.Double(-5, -5, 10, 10);
    private static final Shape END = ShapeUtils.createUpTriangle(6);

    private static XYSeries finite(String key, List<TracePoint> points) {
        XYSeries s = new XYSeries(key, false, true);
        for (TracePoint p : points) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                s.add(p.x(), p.y());
            }
        }
        return s;
    }

    /** Adds {@code series} drawn as shapes only, left out of the legend (the legend is fixed). */
    private static void markers(XYLineAndShapeRenderer r, XYSeriesCollection data, XYSeries series, Shape shape,
                                Color color) {
        int i = data.getSeriesCount();
        data.addSeries(series);
        r.setSeriesLinesVisible(i, false);
        r.setSeriesShapesVisible(i, true);
        r.setSeriesShape(i, shape);
        r.setSeriesPaint(i, color);
    }

    /** The function's usual region, widened (at most 3x) to hold the trajectories' finite points. */
    static double[] range(Objective function, List<Series> traces) {
        double[] r = function.plotRange().clone();
        double[] limit = {r[0] - (r[1] - r[0]), r[1] + (r[1] - r[0]), r[2] - (r[3] - r[2]), r[3] + (r[3] - r[2])};
        for (Series t : traces) {
            for (TracePoint p : t.points()) {
                if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                    r[0] = Math.max(limit[0], Math.min(r[0], p.x()));
                    r[1] = Math.min(limit[1], Math.max(r[1], p.x()));
                    r[2] = Math.max(limit[2], Math.min(r[2], p.y()));
                    r[3] = Math.min(limit[3], Math.max(r[3], p.y()));
                }
            }
        }
        return r;
    }

    private static NumberAxis axis(String label, double lo, double hi) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(lo, hi);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** log10(1 + f) on a GRID x GRID lattice, computed in one vectorised call of the function. */
    private static DefaultXYZDataset contours(Objective function, double[] r) {
        int cells = GRID * GRID;
        double[] xs = new double[cells];
        double[] ys = new double[cells];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                xs[i * GRID + j] = r[0] + (r[1] - r[0]) * (j + 0.5) / GRID;
                ys[i * GRID + j] = r[2] + (r[3] - r[2]) * (i + 0.5) / GRID;
            }
        }
        double[] f = NoGrad.get(() -> function.value(Tensor.of(DType.FLOAT64, xs), Tensor.of(DType.FLOAT64, ys))
                .add(1).log().div(Math.log(10)).toDoubleArray());
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("f", new double[][] {xs, ys, f});
        return data;
    }

    private static XYBlockRenderer contourRenderer(double[] r, DefaultXYZDataset surface) {
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth((r[1] - r[0]) / GRID);
        renderer.setBlockHeight((r[3] - r[2]) / GRID);
        renderer.setDefaultSeriesVisibleInLegend(false);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < surface.getItemCount(0); i++) {
            double z = surface.getZValue(0, i);
            if (Double.isFinite(z)) {
                lo = Math.min(lo, z);
                hi = Math.max(hi, z);
            }
        }
        renderer.setPaintScale(bands(lo, Math.max(hi, lo + 1e-9)));
        return renderer;
    }

    /** BANDS equal steps of log10(1 + f) over the visible range, pale yellow (low) to deep blue (high). */
    private static LookupPaintScale bands(double lo, double hi) {
        Color[] ramp = {new Color(255, 255, 217), new Color(199, 233, 180), new Color(127, 205, 187),
            new Color(65, 182, 196), new Color(34, 94, 168), new Color(12, 44, 132)};
        LookupPaintScale scale = new LookupPaintScale(lo, hi + 1e-9, ramp[ramp.length - 1]);
        for (int b = 0; b < BANDS; b++) {
            double t = b / (double) (BANDS - 1) * (ramp.length - 1);
            int k = Math.min((int) t, ramp.length - 2);
            double f = (t - k) * 0.85;                      // stay light enough for the paths to show
            scale.add(lo + (hi - lo) * b / BANDS, blend(ramp[k], ramp[k + 1], f));
        }
        return scale;
    }

    private static Color blend(Color a, Color b, double t) {
        double fade = 0.55;                                 // wash the ramp out towards white
        return new Color(wash(a.getRed() + (b.getRed() - a.getRed()) * t, fade),
                wash(a.getGreen() + (b.getGreen() - a.getGreen()) * t, fade),
                wash(a.getBlue() + (b.getBlue() - a.getBlue()) * t, fade));
    }

    private static int wash(double channel, double fade) {
        return (int) Math.round(channel + (255 - channel) * (1 - fade));
    }
}
