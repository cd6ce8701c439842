package org.inertia.examples.cli;

import java.util.concurrent.Callable;
import org.inertia.examples.loop.PlainLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inertia loop}: runs {@link PlainLoop}, the training loop written out in one short file. */
@Command(name = "loop", mixinStandardHelpOptions = true,
        description = {"Trains LeNet-5 on the bundled MNIST with the plain loop of "
            + "examples/src/main/java/org/inertia/examples/loop/PlainLoop.java (no Trainer): the code to read first."})
public final class LoopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "1", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() {
        if (epochs < 1 || epochs > 1000) {
            throw new IllegalArgumentException("--epochs must be between 1 and 1000, got " + epochs);
        }
        PlainLoop.train(epochs, spec.commandLine().getOut());
        return 0;
    }
}
