package org.inertia.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inertia.core.Tensor;
import org.inertia.examples.data.DatasetKind;
import org.inertia.examples.models.ModelKind;
import org.inertia.nn.Sequential;
import org.inertia.nn.io.SafeTensors;

/**
 * A trained model loaded from a safetensors file that {@code train} wrote (its metadata names the
 * model and dataset) or any file with the same parameter names ({@code --model}, {@code --dataset}).
 */
record WeightsFile(Sequential model, ModelKind modelKind, DatasetKind datasetKind) {

    static WeightsFile load(Path file, String model, String dataset) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        String m = model != null ? model : c.metadata().get("model");
        String d = dataset != null ? dataset : c.metadata().get("dataset");
        if (m == null) {
            throw new IllegalArgumentException(file + " does not say which model it holds; give --model "
                    + "(" + Choices.names(ModelKind.class) + ")");
        }
        ModelKind modelKind = Choices.parse("--model", m, ModelKind.class);
        DatasetKind datasetKind = d != null ? Choices.parse("--dataset", d, DatasetKind.class)
                : modelKind == ModelKind.CIFAR_CNN ? DatasetKind.CIFAR10 : DatasetKind.MNIST;
        Sequential net = modelKind.build(false);
        Map<String, Tensor> state = new LinkedHashMap<>(c.tensors());
        try {
            net.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " does not hold " + Choices.cliName(modelKind) + " weights: "
                    + e.getMessage(), e);
        }
        net.eval();
        return new WeightsFile(net, modelKind, datasetKind);
    }
}
