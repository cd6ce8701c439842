package org.inertia.nn.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far into an epoch training was when it stopped, and that epoch's running sums, as a mid-epoch
 * checkpoint stores them (in its {@code extra} map) so that a resumed run continues the epoch exactly:
 * the data loader skips the batches done, and the epoch's metrics count every batch once.
 *
 * @param batches batches of the epoch done
 */
public record PartialEpoch(int batches, double lossSum, long correct, long seen, double gradNormSum,
                           double velocityNormSum, int diagnosed) {
    static final String BATCHES = "epoch_batches_done";
    private static final String[] SUMS = {"epoch_loss_sum", "epoch_correct", "epoch_seen", "epoch_grad_norm_sum",
        "epoch_velocity_norm_sum", "epoch_diagnosed"};

    /** Checks the counts. */
    public PartialEpoch {
        if (batches < 0 || seen < 0 || correct < 0 || diagnosed < 0) {
            throw new IllegalArgumentException("PartialEpoch: counts must be >= 0, got batches " + batches + ", seen "
                    + seen + ", correct " + correct + ", diagnosed " + diagnosed);
        }
    }

    /** An epoch not started. */
    public static PartialEpoch none() {
        return new PartialEpoch(0, 0, 0, 0, 0, 0, 0);
    }

    /** The entries a checkpoint's {@code extra} map stores. */
    public Map<String, String> toExtra() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(BATCHES, Integer.toString(batches));
        out.put(SUMS[0], Double.toString(lossSum));
        out.put(SUMS[1], Long.toString(correct));
        out.put(SUMS[2], Long.toString(seen));
        out.put(SUMS[3], Double.toString(gradNormSum));
        out.put(SUMS[4], Double.toString(velocityNormSum));
        out.put(SUMS[5], Integer.toString(diagnosed));
        return out;
    }

    /** Reads what {@link #toExtra()} wrote; a checkpoint taken at an epoch's end has none of it. */
    public static PartialEpoch fromExtra(Map<String, String> extra) {
        if (!extra.containsKey(BATCHES)) {
            return none();
        }
        try {
            return new PartialEpoch(Integer.parseInt(extra.get(BATCHES)), Double.parseDouble(extra.get(SUMS[0])),
                    Long.parseLong(extra.get(SUMS[1])), Long.parseLong(extra.get(SUMS[2])),
                    Double.parseDouble(extra.get(SUMS[3])), Double.parseDouble(extra.get(SUMS[4])),
                    Integer.parseInt(extra.get(SUMS[5])));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint: the mid-epoch position is malformed: " + extra, e);
        }
    }
}
