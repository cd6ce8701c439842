// A tour of Inertia in JShell. Run it from the repository's root after the README's first command
// (which builds examples/target/inertia.jar):
//
//     jshell --class-path examples/target/inertia.jar docs/tour.jsh
//
// Each step prints what it shows; change a line and run it again to see what happens.

import org.inertia.core.*;
import org.inertia.core.ops.Losses;
import org.inertia.nn.Init;
import org.inertia.nn.data.*;
import org.inertia.nn.layers.*;
import org.inertia.optim.*;

System.out.println("1. Tensors: float32 by default; integers make int64, as in PyTorch");
Tensor a = Tensor.of(1.0, 2.0, 3.0);
Tensor labels = Tensor.of(2, 0, 1);
System.out.println(a.dtype() + " " + java.util.Arrays.toString(a.shape()) + ", " + labels.dtype());

System.out.println("2. Broadcasting: [2, 1] + [3] gives [2, 3]");
Tensor col = Tensor.of(10.0, 20.0).reshape(2, 1);
System.out.println(col.add(a));

System.out.println("3. Autograd: y = sum(w * x)^2, so dy/dw = 2 * sum(w * x) * x");
Tensor w = Tensor.of(DType.FLOAT64, new double[] {0.5, -1, 2}).requiresGrad(true);
Tensor x = Tensor.of(DType.FLOAT64, new double[] {1, 2, 3});
Tensor y = w.mul(x).sum().pow(2.0);
y.backward();
System.out.println("y = " + y.item() + ", dy/dw = " + java.util.Arrays.toString(w.grad().toDoubleArray()));

System.out.println("4. Check a gradient against finite differences yourself");
System.out.println(GradCheck.check("tanh(x) * x", in -> in[0].tanh().mul(in[0]), Tensor.randn(DType.FLOAT64, 3, 4)));

System.out.println("5. A layer and an optimizer: one Nesterov step lowers the loss");
Init.manualSeed(0);
Linear layer = new Linear(784, 10);
Optimizer opt = new Nesterov(layer.parameters(), Nesterov.options().lr(0.1).momentum(0.9));
ImageDataset mnist = Mnist.bundled(Split.TRAIN).slice(0, 512);
Batch batch = mnist.batch(java.util.stream.IntStream.range(0, 512).toArray(), new Rng(0));
Tensor before = Losses.crossEntropy(layer.call(batch.inputs().flatten(1)), batch.labels());
before.backward();
opt.step();
System.out.printf("loss %.4f -> %.4f%n", before.item(), Losses.crossEntropy(layer.call(batch.inputs().flatten(1)), batch.labels()).item());

System.out.println("6. Train a few epochs with a plain loop and count right answers with argmax");
for (int epoch = 0; epoch < 5; epoch++) {
    for (Batch b : new DataLoader(mnist, 64, true, epoch)) {
        opt.zeroGrad();
        Losses.crossEntropy(layer.call(b.inputs().flatten(1)), b.labels()).backward();
        opt.step();
    }
}
Batch test = Mnist.bundled(Split.TEST).batch(java.util.stream.IntStream.range(0, 1000).toArray(), new Rng(0));
double right = layer.call(test.inputs().flatten(1)).argmax(1).eq(test.labels()).sum().item();
System.out.printf("%.0f of 1000 test images right after 5 epochs on 512 images%n", right);

System.out.println("7. The readable forms: -Dinertia.reference=true (or FastPaths.setEnabled(false)) runs every op without its fast kernel");
FastPaths.setEnabled(false);
System.out.println(Tensor.of(DType.FLOAT64, new double[][] {{1, 2, 3}, {-1000, -999, -1001}}).softmax(1));
FastPaths.setEnabled(true);

System.out.println("8. The graph autograd recorded, as Graphviz text (Graphs.writePng draws it if `dot` is installed)");
Tensor g = w.mul(x).add(x).tanh().sum();
System.out.println(Graphs.toDot(g));
System.out.println("The course: docs/learn/README.md");

/exit
