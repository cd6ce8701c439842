package org.inertia.core;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Element types a {@link Tensor} can hold.
 *
 * <p>Floating tensors take part in autograd; {@link #INT64} holds class labels and indices and never
 * requires grad. Inertia does not promote silently: an op given float32 and float64 operands refuses
 * with a message that names both, and {@link Tensor#to(DType)} converts explicitly.
 */
public enum DType {
    /** 32-bit floating point: the default, what training runs in. */
    FLOAT32(DataType.FLOAT),
    /** 64-bit floating point: gradient checks and exact comparisons. */
    FLOAT64(DataType.DOUBLE),
    /** 64-bit integers: class labels, indices and comparison masks (never requires grad). */
    INT64(DataType.INT64);

    /** The default for tensors created without an explicit type, as in PyTorch. */
    public static final DType DEFAULT = FLOAT32;

    private final DataType nd4j;

    DType(DataType nd4j) {
        this.nd4j = nd4j;
    }

    /** The matching ND4J data type. */
    public DataType nd4j() {
        return nd4j;
    }

    /** Whether tensors of this type can take part in autograd (float32 and float64). */
    public boolean isFloating() {
        return this != INT64;
    }

    /** The Inertia type of an ND4J array; refuses types Inertia does not model. */
    public static DType of(DataType type) {
        for (DType t : values()) {
            if (t.nd4j == type) {
                return t;
            }
        }
        if (type == DataType.INT32 || type == DataType.INT16 || type == DataType.INT8 || type == DataType.UINT8) {
            throw new IllegalArgumentException("Unsupported ND4J data type " + type
                    + "; convert integer arrays to INT64 first");
        }
        throw new IllegalArgumentException("Unsupported ND4J data type " + type + "; Inertia supports "
                + "FLOAT (float32), DOUBLE (float64) and INT64");
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
