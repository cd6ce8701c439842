package org.inertia.nn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.inertia.core.Tensor;
import org.inertia.nn.Parameter;
import org.inertia.optim.ParamDiagnostics;

/**
 * Per parameter tensor, every {@code every} steps: ‖θ‖, ‖g‖, ‖Δθ‖, the velocity's norm (first moment for
 * Adam), log10 of the update:parameter ratio (DL4J's per-layer health check, about −3 when the learning
 * rate suits the layer) and cos(g, v), the gradient–velocity alignment adaptive momentum reacts to. One
 * row per logged step, columns {@code NAME/METRIC} for each of the model's parameters
 * ({@code 0.weight/grad_norm}, ...), appended and flushed like {@link StepMetricsCsv}. It asks the optimizer
 * to measure only in the steps it logs.
 */
public final class LayerMetricsCsv implements Callback, AutoCloseable {
    /** What is written per parameter, in column order. */
    public static final List<String> METRICS = List.of("param_norm", "grad_norm", "update_norm", "velocity_norm",
            "log10_update_ratio", "cos_grad_velocity");

    private final Path file;
    private final int every;
    private final Map<Tensor, Integer> column = new IdentityHashMap<>();
    private AppendedCsv out;

    /** Writes to {@code file} every {@code every} steps (at least 1). */
    public LayerMetricsCsv(Path file, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("LayerMetricsCsv: every must be >= 1 step, got " + every);
        }
        this.file = file;
        this.every = every;
    }

    @Override
    public void onFitStart(TrainingState state) {
        StringBuilder header = new StringBuilder("step");
        column.clear();
        for (Map.Entry<String, Parameter> p : state.model().namedParameters().entrySet()) {
            column.put(p.getValue(), column.size());
            for (String metric : METRICS) {
                header.append(',').append(p.getKey()).append('/').append(metric);
            }
        }
        out = AppendedCsv.open(file, "per-layer metrics", header.toString(), state.step());
    }

    @Override
    public void onBatchStart(TrainingState state) {
        if ((state.step() + 1) % every == 0) {
            state.requestDiagnostics();
        }
    }

    @Override
    public void onBatchEnd(TrainingState state, double loss, long correct, long size) {
        if (out == null || state.step() % every != 0 || state.optimizer().parameterDiagnostics().isEmpty()) {
            return;
        }
        List<String> cells = new ArrayList<>(Collections.nCopies(column.size() * METRICS.size(), ""));
        for (ParamDiagnostics d : state.optimizer().parameterDiagnostics()) {
            Integer c = column.get(d.parameter());
            if (c == null) {
                continue;                   // a parameter the optimizer has but the model does not name
            }
            double[] values = {d.parameterNorm(), d.gradientNorm(), d.updateNorm(), d.velocityNorm(),
                d.log10UpdateRatio(), d.alignment()};
            for (int m = 0; m < values.length; m++) {
                cells.set(c * METRICS.size() + m, AppendedCsv.cell(values[m]));
            }
        }
        out.append(state.step() + "," + String.join(",", cells));
    }

    @Override
    public void onStop(TrainingState state) {
        close();
    }

    @Override
    public void onFitEnd(TrainingState state) {
        close();
    }

    /** Closes the file; a fit that ended by an exception leaves it open until this is called. */
    @Override
    public void close() {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
