package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    private static List<Tensor> withGradients(double[] a, double[] b) {
        Tensor x = Tensor.zeros(DType.FLOAT64, a.length).requiresGrad(true);
        Tensor y = Tensor.zeros(DType.FLOAT64, b.length).requiresGrad(true);
        LinearGradients.set(x, a);
        LinearGradients.set(y, b);
        return List.of(x, y);
    }

    @Test
    void globalNormClippingScalesAllGradientsTogether() {
        List<Tensor> params = withGradients(new double[] {3, 0}, new double[] {0, 4});  // global norm 5
        double norm = GradientClipping.clipGradNorm(params, 1.0);
        assertEquals(5.0, norm, 1e-12);
        double c = 1.0 / (5.0 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 0}, params.get(0).grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 4 * c}, params.get(1).grad().toDoubleArray(), 1e-15);
    }

    @Test
    void gradientsUnderTheLimitAreUntouched() {
        List<Tensor> params = withGradients(new double[] {0.3, 0}, new double[] {0, 0.4});
        assertEquals(0.5, GradientClipping.clipGradNorm(params, 1.0), 1e-12);
        assertArrayEquals(new double[] {0.3, 0}, params.get(0).grad().toDoubleArray());
    }

    @Test
    void valueClippingClampsEachElement() {
        List<Tensor> params = withGradients(new double[] {-3, 0.2}, new double[] {0.7, 9});
        GradientClipping.clipGradValue(params, 0.5);
        assertArrayEquals(new double[] {-0.5, 0.2}, params.get(0).grad().toDoubleArray());
        assertArrayEquals(new double[] {0.5, 0.5}, params.get(1).grad().toDoubleArray());
    }

    @Test
    void nonFiniteNormsAreReportedWhenAsked() {
        List<Tensor> params = withGradients(new double[] {Double.NaN, 0}, new double[] {0, 4});
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> GradientClipping.clipGradNorm(params, 1.0, true));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("not finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradNorm(params, -1));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradValue(params, 0));
    }
}
