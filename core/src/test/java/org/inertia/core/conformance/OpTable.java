package org.inertia.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Convolution;
import org.inertia.core.ops.Dropout;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.MatMul;
import org.inertia.core.ops.Normalization;
import org.inertia.core.ops.Pooling;
import org.inertia.core.ops.Reduction;
import org.inertia.core.ops.Window2d;

/**
 * The Inertia call behind each op name of the golden files (the generator's {@code OPS} table, the
 * same names and parameters). A result is the output plus, for batch norm, the batch statistics.
 */
final class OpTable {
    record Result(Tensor output, Map<String, Tensor> extras) {
        static Result of(Tensor output) {
            return new Result(output, Map.of());
        }
    }

    @FunctionalInterface
    interface Op {
        Result apply(Tensor[] x, JsonNode params);
    }

    private static final Map<String, Op> OPS = new LinkedHashMap<>();

    private static void unary(String name, java.util.function.UnaryOperator<Tensor> f) {
        OPS.put(name, (x, p) -> Result.of(f.apply(x[0])));
    }

    private static void binary(String name, java.util.function.BinaryOperator<Tensor> f) {
        OPS.put(name, (x, p) -> Result.of(f.apply(x[0], x[1])));
    }

    private static void withParams(String name, java.util.function.BiFunction<Tensor[], JsonNode, Tensor> f) {
        OPS.put(name, (x, p) -> Result.of(f.apply(x, p)));
    }

    static {
        binary("add", Tensor::add);
        binary("sub", Tensor::sub);
        binary("mul", Tensor::mul);
        binary("div", Tensor::div);
        binary("pow", Tensor::pow);
        withParams("add_scalar", (x, p) -> x[0].add(p.get("value").asDouble()));
        withParams("sub_scalar", (x, p) -> x[0].sub(p.get("value").asDouble()));
        withParams("mul_scalar", (x, p) -> x[0].mul(p.get("value").asDouble()));
        withParams("div_scalar", (x, p) -> x[0].div(p.get("value").asDouble()));
        withParams("pow_scalar", (x, p) -> x[0].pow(p.get("value").asDouble()));
        unary("neg", Tensor::neg);
        unary("exp", Tensor::exp);
        unary("log", Tensor::log);
        unary("sqrt", Tensor::sqrt);
        unary("abs", Tensor::abs);
        withParams("clamp", (x, p) -> x[0].clamp(p.get("min").asDouble(), p.get("max").asDouble()));
        unary("cast_round_trip", t -> t.to(DType.FLOAT32).to(DType.FLOAT64));
        withParams("sum", (x, p) -> x[0].sum(axes(p), p.get("keep_dims").asBoolean()));
        withParams("mean", (x, p) -> x[0].mean(axes(p), p.get("keep_dims").asBoolean()));
        withParams("max", (x, p) -> x[0].max(axes(p), p.get("keep_dims").asBoolean()));
        binary("matmul", Tensor::matmul);
        withParams("linear", (x, p) -> MatMul.linear(x[0], x[1], x.length > 2 ? x[2] : null));
        withParams("reshape", (x, p) -> x[0].reshape(Golden.shape(p.get("shape"))));
        withParams("permute", (x, p) -> x[0].permute(Golden.ints(p.get("axes"))));
        withParams("transpose", (x, p) -> x[0].transpose(p.get("axis0").asInt(), p.get("axis1").asInt()));
        withParams("flatten", (x, p) -> x[0].flatten(p.get("start").asInt()));
        withParams("concat", (x, p) -> Tensor.concat(p.get("axis").asInt(), x));
        withParams("slice", (x, p) -> x[0].slice(p.get("start").asLong(), p.get("end").asLong()));
        binary("index_select", Tensor::indexSelect);
        unary("relu", Tensor::relu);
        withParams("leaky_relu", (x, p) -> x[0].leakyRelu(p.get("slope").asDouble()));
        unary("sigmoid", Tensor::sigmoid);
        unary("tanh", Tensor::tanh);
        unary("gelu", Tensor::gelu);
        withParams("softmax", (x, p) -> x[0].softmax(p.get("axis").asInt()));
        withParams("log_softmax", (x, p) -> x[0].logSoftmax(p.get("axis").asInt()));
        withParams("cross_entropy", (x, p) -> Losses.crossEntropy(x[0], x[1], reduction(p),
                p.get("label_smoothing").asDouble()));
        withParams("nll", (x, p) -> Losses.nll(x[0], x[1], reduction(p)));
        withParams("mse", (x, p) -> Losses.mse(x[0], x[1], reduction(p)));
        withParams("bce_with_logits", (x, p) -> Losses.bceWithLogits(x[0], x[1], reduction(p)));
        withParams("conv2d", (x, p) -> {
            long[] w = x[1].shape();
            return Convolution.conv2d(x[0], x[1], x.length > 2 ? x[2] : null, window(p, (int) w[2], (int) w[3]));
        });
        withParams("max_pool2d", (x, p) -> {
            int[] k = Golden.ints(p.get("kernel"));
            return Pooling.maxPool2d(x[0], window(p, k[0], k[1]));
        });
        withParams("avg_pool2d", (x, p) -> {
            int[] k = Golden.ints(p.get("kernel"));
            return Pooling.avgPool2d(x[0], window(p, k[0], k[1]), p.get("count_include_pad").asBoolean());
        });
        OPS.put("batch_norm", (x, p) -> {
            Normalization.BatchNormResult r = Normalization.batchNorm(x[0], x.length > 1 ? x[1] : null,
                    x.length > 2 ? x[2] : null, p.get("eps").asDouble());
            return new Result(r.output(), Map.of("batch_mean", Tensor.wrap(r.mean()),
                    "batch_var", Tensor.wrap(r.variance())));
        });
        withParams("batch_norm_eval", (x, p) -> Normalization.batchNormInference(x[0], x[1].data(), x[2].data(),
                x.length > 3 ? x[3] : null, x.length > 4 ? x[4] : null, p.get("eps").asDouble()));
        withParams("dropout", (x, p) -> Dropout.withMask(x[0], x[1], p.get("p").asDouble()));
        withParams("min", (x, p) -> x[0].min(axes(p), p.get("keep_dims").asBoolean()));
        withParams("argmax", (x, p) -> x[0].argmax(p.get("axis").asInt(), p.get("keep_dims").asBoolean()));
        withParams("argmin", (x, p) -> x[0].argmin(p.get("axis").asInt(), p.get("keep_dims").asBoolean()));
        binary("eq", Tensor::eq);
        binary("ne", Tensor::ne);
        binary("gt", Tensor::gt);
        binary("ge", Tensor::ge);
        binary("lt", Tensor::lt);
        binary("le", Tensor::le);
        withParams("gt_scalar", (x, p) -> x[0].gt(p.get("value").asDouble()));
        withParams("le_scalar", (x, p) -> x[0].le(p.get("value").asDouble()));
        withParams("eq_scalar", (x, p) -> x[0].eq(p.get("value").asDouble()));
        withParams("where", (x, p) -> Tensor.where(x[0], x[1], x[2]));
        withParams("select", (x, p) -> x[0].select(p.get("axis").asInt(), p.get("index").asLong()));
        withParams("narrow", (x, p) -> x[0].narrow(p.get("axis").asInt(), p.get("start").asLong(),
                p.get("length").asLong()));
        withParams("squeeze", (x, p) -> x[0].squeeze(p.get("axis").asInt()));
        withParams("unsqueeze", (x, p) -> x[0].unsqueeze(p.get("axis").asInt()));
        withParams("expand", (x, p) -> x[0].expand(Golden.shape(p.get("shape"))));
        withParams("stack", (x, p) -> Tensor.stack(p.get("axis").asInt(), x));
        unary("clone", Tensor::clone);
    }

    private OpTable() {
    }

    static Op get(String name) {
        Op op = OPS.get(name);
        if (op == null) {
            throw new IllegalStateException("golden op '" + name + "' has no entry in OpTable: add the Inertia call");
        }
        return op;
    }

    static Set<String> names() {
        return OPS.keySet();
    }

    private static int[] axes(JsonNode p) {
        JsonNode axes = p.get("axes");
        return axes == null || axes.isNull() ? null : Golden.ints(axes);
    }

    private static Reduction reduction(JsonNode p) {
        return Reduction.valueOf(p.get("reduction").asText().toUpperCase(java.util.Locale.ROOT));
    }

    private static Window2d window(JsonNode p, int kernelH, int kernelW) {
        int[] stride = Golden.ints(p.get("stride"));
        int[] padding = Golden.ints(p.get("padding"));
        int[] dilation = p.has("dilation") ? Golden.ints(p.get("dilation")) : new int[] {1, 1};
        return new Window2d(kernelH, kernelW, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
    }
}
