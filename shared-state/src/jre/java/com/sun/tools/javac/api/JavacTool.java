package com.sun.tools.javac.api;

import java.lang.reflect.Proxy;

import javax.tools.JavaCompiler;

/**
 * Lets Chronicle start on a Java runtime without the {@code jdk.compiler} module (a JRE image).
 *
 * <p>Chronicle's {@code CompilerUtils} looks its compiler up when the class loads, even when every class it would
 * generate is shipped compiled (shared-state ships them), and fails with an {@code AssertionError} when the runtime
 * has no compiler; that name, {@code com.sun.tools.javac.api.JavacTool}, is its fallback. On a JDK this class is
 * never loaded: the package belongs to {@code jdk.compiler}, which the class loader asks first. On a JRE it is, and
 * {@link #create()} gives Chronicle a compiler that refuses to compile with a message saying why: compiling at run
 * time would mean a Chronicle class shared-state does not ship, which its tests rule out.
 */
public final class JavacTool {
    private JavacTool() {
    }

    /**
     * Returns a compiler whose every method throws {@link UnsupportedOperationException}.
     *
     * @return the refusing compiler
     */
    public static JavaCompiler create() {
        return (JavaCompiler) Proxy.newProxyInstance(JavacTool.class.getClassLoader(),
                new Class<?>[] {JavaCompiler.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method.getName(), args);
                    }
                    throw new UnsupportedOperationException("Chronicle tried to compile a class at run time ("
                            + method.getName() + "), which needs a JDK with the jdk.compiler module; shared-state"
                            + " ships Chronicle's generated classes so that this does not happen on a JRE: please"
                            + " report it, with the Chronicle versions in use");
                });
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        switch (name) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "shared-state's refusing JavaCompiler";
        }
    }
}
