package org.inertia.learn.lesson5;

import java.util.List;
import org.inertia.core.Tensor;
import org.inertia.optim.AdamOptions;
import org.inertia.optim.Optimizer;

/** Lesson 5: Adam and AdamW — momentum (the first moment) divided by an RMSprop denominator. */
public interface AdamFamily {
    /** Adam with L2 weight decay (g ← g + λθ before the moments), as {@code torch.optim.Adam}. */
    Optimizer adam(List<Tensor> params, AdamOptions options);

    /** AdamW: weight decay applied to θ directly (θ ← θ − ηλθ), as {@code torch.optim.AdamW}. */
    Optimizer adamW(List<Tensor> params, AdamOptions options);
}
