package org.inertia.nn.train;

import java.util.Arrays;

/**
 * Loss and accuracy over a whole dataset, and the confusion matrix: {@code confusion[actual][predicted]}
 * counts examples of class {@code actual} that the model called {@code predicted}.
 */
public record EvalResult(double loss, double accuracy, long examples, long[][] confusion) {
    /** Recall of each class: the fraction of its examples predicted correctly. */
    public double[] perClassAccuracy() {
        double[] out = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long total = Arrays.stream(confusion[c]).sum();
            out[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return out;
    }

    /** The matrix as aligned text, rows = actual class, columns = predicted. */
    public String confusionTable() {
        StringBuilder s = new StringBuilder("actual \\ predicted");
        for (int c = 0; c < confusion.length; c++) {
            s.append(String.format("%7d", c));
        }
        s.append('\n');
        for (int a = 0; a < confusion.length; a++) {
            s.append(String.format("%18d", a));
            for (long v : confusion[a]) {
                s.append(String.format("%7d", v));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
