package paperboy.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a command in order on SIGTERM (systemd, {@code kill}) and SIGINT (Ctrl-C) before the JVM
 * runs its shutdown hooks, then exits with 128 + the signal's number, as the JVM itself would.
 *
 * <p>Why not only a shutdown hook: the JVM starts every hook at once, and ONNX Runtime registers
 * one ({@code OrtEnvironment$OrtEnvCloser}) that frees its native environment, which nothing can
 * remove or put after ours. A model still running a batch or loading then uses the freed
 * environment and the process dies with SIGABRT or SIGSEGV (seen in {@code ServeStopIT}, about once
 * in fifty stops). Handling the signal first closes Paperboy's parts, models included; the hooks
 * then run in a process with no native work in flight.
 *
 * <p>A second signal while stopping ends the process at once, like a second Ctrl-C elsewhere: the
 * catalog is written in transactions and survives it as it survives {@code kill -9}. When the JVM
 * does not let signals be handled ({@code -Xrs}), the stop runs from a shutdown hook instead.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection: it is a supported JDK API (module {@code
 * jdk.unsupported}), but javac with {@code --release} warns at every mention of it, and the build
 * is kept free of warnings.
 */
final class StopSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final Runnable stop;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Restore> installed = new ArrayList<>();
    private @Nullable Thread hook;

    private StopSignals(Runnable stop) {
        this.stop = stop;
    }

    /**
     * Runs {@code stop} on the first SIGTERM or SIGINT, then exits the JVM. {@code stop} should
     * return once what the command opened is closed.
     */
    static StopSignals install(Runnable stop) {
        StopSignals signals = new StopSignals(stop);
        try {
            Reflected api = new Reflected();
            for (String name : SIGNALS) {
                signals.installed.add(api.handle(name, signals::received));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            signals.restore();
            LOG.debug(
                    "signals cannot be handled here ({}); stopping from a shutdown hook",
                    e.toString());
            Thread hook = new Thread(signals::stopOnce, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            signals.hook = hook;
        }
        return signals;
    }

    private void received(int number) {
        if (!stopping.compareAndSet(false, true)) {
            System.err.println("paperboy: stopped at once by a second signal");
            Runtime.getRuntime().halt(128 + number);
            return;
        }
        try {
            stop.run();
        } catch (RuntimeException | Error e) {
            LOG.error("stopping failed", e);
        }
        System.exit(128 + number);
    }

    private void stopOnce() {
        if (stopping.compareAndSet(false, true)) {
            stop.run();
        }
    }

    /** Gives the signals back to the JVM (for a command that ran in a JVM that goes on). */
    @Override
    public void close() {
        restore();
        Thread added = hook;
        if (added != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(added);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to give back
            }
        }
    }

    private void restore() {
        installed.forEach(Restore::run);
        installed.clear();
    }

    /** Puts back the handler a signal had before. */
    private interface Restore {
        void run();
    }

    /** Receives a signal's number. */
    private interface Receiver {
        void received(int number);
    }

    /** {@code sun.misc.Signal} and {@code SignalHandler}, looked up once. */
    private static final class Reflected {
        private final Class<?> handlerType;
        private final Constructor<?> signal;
        private final Method handle;
        private final Method number;

        Reflected() throws ReflectiveOperationException {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            this.handlerType = Class.forName("sun.misc.SignalHandler");
            this.signal = signalType.getConstructor(String.class);
            this.handle = signalType.getMethod("handle", signalType, handlerType);
            this.number = signalType.getMethod("getNumber");
        }

        /** Installs {@code receiver} for the signal {@code name}; returns how to undo it. */
        Restore handle(String name, Receiver receiver) throws ReflectiveOperationException {
            Object sig = signal.newInstance(name);
            Object handler =
                    Proxy.newProxyInstance(
                            StopSignals.class.getClassLoader(),
                            new Class<?>[] {handlerType},
                            (proxy, method, args) ->
                                    switch (method.getName()) {
                                        case "handle" -> {
                                            receiver.received((Integer) number.invoke(args[0]));
                                            yield null;
                                        }
                                        case "equals" -> proxy == args[0];
                                        case "hashCode" -> System.identityHashCode(proxy);
                                        default -> "paperboy stop on SIG" + name;
                                    });
            Object previous = invoke(handle, sig, handler);
            return () -> {
                try {
                    invoke(handle, sig, previous);
                } catch (ReflectiveOperationException e) {
                    LOG.debug("could not give SIG{} back to the JVM", name, e);
                }
            };
        }

        private static @Nullable Object invoke(Method method, @Nullable Object... args)
                throws ReflectiveOperationException {
            try {
                return method.invoke(null, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException thrown) {
                    throw thrown; // IllegalArgumentException: the JVM keeps this signal (-Xrs)
                }
                throw e;
            }
        }
    }
}
