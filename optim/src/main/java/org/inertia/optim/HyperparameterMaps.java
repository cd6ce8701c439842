package org.inertia.optim;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options records to and from {@code name → value} maps (numbers, booleans, enum names), so
 * optimizer state can be saved without each optimizer writing its own serialisation.
 */
final class HyperparameterMaps {
    private HyperparameterMaps() {
    }

    static Map<String, Object> toMap(Hyperparameters options) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent c : options.getClass().getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(options);
                map.put(c.getName(), value instanceof Enum<?> e ? e.name() : value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + options, e);
            }
        }
        return map;
    }

    static Hyperparameters fromMap(Class<? extends Hyperparameters> type, Map<String, Object> map) {
        return fromMap(type, map, "optimizer state");
    }

    /** {@code options} with hyperparameter {@code name} set to {@code value}, checked. */
    static Hyperparameters with(Hyperparameters options, String name, Object value) {
        Map<String, Object> map = toMap(options);
        if (!map.containsKey(name)) {
            throw new IllegalArgumentException(options.getClass().getSimpleName() + " has no hyperparameter '" + name
                    + "' (it has " + String.join(", ", map.keySet()) + ")");
        }
        map.put(name, value);
        return fromMap(options.getClass(), map, options.getClass().getSimpleName() + " with " + name + " = " + value);
    }

    private static Hyperparameters fromMap(Class<? extends Hyperparameters> type, Map<String, Object> map,
                                           String context) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            if (!map.containsKey(c.getName())) {
                throw new IllegalArgumentException(context + ": hyperparameter '" + c.getName() + "' of "
                        + type.getSimpleName() + " is missing");
            }
            values[i] = convert(c, map.get(c.getName()), context);
        }
        try {
            Constructor<? extends Hyperparameters> ctor = type.getDeclaredConstructor(types);
            Hyperparameters options = ctor.newInstance(values);
            options.validate();
            return options;
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(context + ": invalid hyperparameters: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(RecordComponent c, Object value, String context) {
        Class<?> t = c.getType();
        String what = context + ": hyperparameter '" + c.getName() + "'";
        if (t == double.class && value instanceof Number n) {
            return n.doubleValue();
        }
        if ((t == long.class) && value instanceof Number n) {
            return n.longValue();
        }
        if (t == int.class && value instanceof Number n) {
            return n.intValue();
        }
        if (t == boolean.class && value instanceof Boolean b) {
            return b;
        }
        if (t.isEnum() && value instanceof String s) {
            try {
                return Enum.valueOf((Class<? extends Enum>) t, s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " has unknown value '" + s + "'");
            }
        }
        throw new IllegalArgumentException(what + " should be a " + t.getSimpleName() + ", got " + value);
    }
}
