package org.inertia.nn.train;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a {@link StopRequest} while installed: the first signal asks training
 * to stop at the next step boundary (and checkpoint there); a second one ends the process at once with
 * the signal's exit code (128 + its number). Files written atomically stay whole either way.
 *
 * <p>Opt-in: code that handles these signals itself should not install this, but call
 * {@link StopRequest#request} from its own handler. Java has no public API for signal handlers; this
 * uses the JDK's {@code sun.misc.Signal} (module jdk.unsupported) through reflection, so nothing
 * depends on it at compile time, and fails with a clear message where it is missing.
 */
public final class SignalStop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalStop.class);
    /** The signals handled, by the names the JDK uses. */
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final List<Object[]> previous = new ArrayList<>();   // {signal, its previous handler}

    private SignalStop() {
    }

    /** The process exit code that reports a stop for {@code reason}: 143 for SIGTERM, 130 for SIGINT, else 1. */
    public static int exitCode(String reason) {
        return switch (reason == null ? "" : reason) {
            case "SIGTERM" -> 143;
            case "SIGINT" -> 130;
            default -> 1;
        };
    }

    /** Handles SIGTERM and SIGINT by requesting {@code stop} ("SIGTERM" / "SIGINT") until {@link #close()}. */
    public static SignalStop install(StopRequest stop) {
        SignalStop installed = new SignalStop();
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method handle = signal.getMethod("handle", signal, handlerType);
            Method number = signal.getMethod("getNumber");
            for (String name : SIGNALS) {
                Object sig = signal.getConstructor(String.class).newInstance(name);
                int code = 128 + (int) number.invoke(sig);
                InvocationHandler onSignal = (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "handle" -> {
                            if (stop.isRequested()) {
                                System.err.println("SIG" + name + " again: stopping at once");
                                Runtime.getRuntime().halt(code);
                            }
                            stop.request("SIG" + name);
                            LOG.info("SIG{}: stopping after the current step", name);
                            return null;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> {
                            return "SignalStop(SIG" + name + ")";
                        }
                    }
                };
                Object handler = Proxy.newProxyInstance(SignalStop.class.getClassLoader(), new Class<?>[] {handlerType},
                        onSignal);
                installed.previous.add(new Object[] {sig, handle.invoke(null, sig, handler)});
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            installed.close();
            throw new IllegalStateException("cannot handle SIGTERM and SIGINT in this JVM (sun.misc.Signal from module "
                    + "jdk.unsupported: " + e + "); stop training with a StopRequest of your own instead", e);
        }
        return installed;
    }

    /** Gives the signals back to the handlers they had before. */
    @Override
    public void close() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Method handle = signal.getMethod("handle", signal, Class.forName("sun.misc.SignalHandler"));
            for (Object[] p : previous) {
                handle.invoke(null, p[0], p[1]);
            }
        } catch (ReflectiveOperationException e) {
            LOG.warn("could not restore the previous signal handlers: {}", e.toString());
        }
        previous.clear();
    }
}
