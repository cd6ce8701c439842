package org.inertia.nn;

import java.util.List;
import org.inertia.core.Tensor;

/** Modules applied one after another; children are named 0, 1, 2, ... as in PyTorch. */
public class Sequential extends Module {
    private final Module[] layers;

    /** Layers applied in order, registered as children {@code 0, 1, ...} (PyTorch's names). */
    public Sequential(Module... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("Sequential needs at least one module");
        }
        this.layers = layers.clone();
        for (int i = 0; i < layers.length; i++) {
            registerModule(Integer.toString(i), layers[i]);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module layer : layers) {
            x = layer.call(x);
        }
        return x;
    }

    /** The i-th module. */
    public Module get(int i) {
        return layers[i];
    }

    /** The number of layers. */
    public int size() {
        return layers.length;
    }

    /** The layers, in order (read-only). */
    public List<Module> layers() {
        return List.of(layers);
    }
}
