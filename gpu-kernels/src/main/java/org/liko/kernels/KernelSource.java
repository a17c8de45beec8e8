package org.liko.kernels;

import com.aparapi.Kernel;
import com.aparapi.internal.exception.AparapiException;
import com.aparapi.internal.model.ClassModel;
import com.aparapi.internal.model.Entrypoint;
import com.aparapi.internal.model.MethodModel;
import com.aparapi.internal.writer.KernelWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes Aparapi 3.0.2 emit a kernel's functions callees first, and checks the OpenCL source
 * before anything is handed to {@code clBuildProgram} (a failed build aborts the JVM natively).
 *
 * <p>Aparapi orders the called methods of an entry point with a heuristic (each pass over the
 * call graph moves callees to the end of a linked map, and the walk stops when no new method is
 * found, not when the order is stable). For a DAG as deep as the sector kernel's (both passes
 * reach {@code Grid.neighbour} through several {@code SiteRules} methods at different depths) it
 * leaves callers emitted before callees, e.g. {@code SiteRules.layerRun} before
 * {@code Grid.neighbour}: "use of undeclared identifier" on PoCL. {@link #prepare} sorts the
 * entry point's called-method list (depth-first post order over Aparapi's own call graph) in the
 * cached entry point that {@code KernelRunner} later reuses (Aparapi's class-model and entry
 * point caches are on by default; {@code cloneForKernel} is shallow, so the list is shared), then
 * generates the source the way {@code KernelRunner} does and rejects any call before its
 * definition.
 */
final class KernelSource {
  /** A function definition line of Aparapi's output: {@code type name(args){}. */
  private static final Pattern DEFINITION =
      Pattern.compile("(?m)^[A-Za-z_][\\w ]*[\\s*]([A-Za-z_]\\w*)\\([^\\n]*\\)\\{\\s*$");

  private KernelSource() {}

  /**
   * Orders {@code kernel}'s {@code run()} callees first in Aparapi's cached entry point and
   * checks the generated OpenCL.
   *
   * @return null when the source has no call before a definition and no function defined twice,
   *     else the reason
   */
  static String prepare(Kernel kernel) {
    try {
      ClassModel model = ClassModel.createClassModel(kernel.getClass());
      Entrypoint entry = model.getEntrypoint("run", kernel);
      sortCalleesFirst(entry.getCalledMethods());
      // what KernelRunner will generate: the same cached entry point, cloned for the kernel
      String source = KernelWriter.writeToString(model.getEntrypoint("run", kernel));
      return forwardReference(source);
    } catch (AparapiException | RuntimeException e) {
      return "Aparapi could not translate " + kernel.getClass().getSimpleName() + ": "
          + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** Reorders {@code methods} in place: every method after all the methods it calls. */
  static void sortCalleesFirst(List<MethodModel> methods) {
    Set<MethodModel> listed = new HashSet<>(methods);
    Set<MethodModel> done = new HashSet<>();
    List<MethodModel> order = new ArrayList<>(methods.size());
    // visiting in Aparapi's order keeps that order wherever it is already callees first
    for (MethodModel m : methods) {
      visit(m, listed, done, order);
    }
    methods.clear();
    methods.addAll(order);
  }

  private static void visit(MethodModel m, Set<MethodModel> listed, Set<MethodModel> done,
      List<MethodModel> order) {
    if (!done.add(m)) {
      return; // Aparapi has already rejected recursion, so no cycle reaches here
    }
    for (MethodModel callee : m.getCalledMethods()) {
      if (listed.contains(callee)) {
        visit(callee, listed, done, order);
      }
    }
    order.add(m);
  }

  /**
   * The first function of {@code source} defined twice (a Java overload) or called before its
   * definition, in words, or null.
   * Definitions are Aparapi's {@code type name(args){} lines at column 0.
   */
  static String forwardReference(String source) {
    Map<String, Integer> defined = new LinkedHashMap<>();
    Matcher d = DEFINITION.matcher(source);
    while (d.find()) {
      if (defined.putIfAbsent(d.group(1), d.start(1)) != null) {
        // Aparapi names a function class__method, so Java overloads collide: OpenCL C has no
        // overloading and clBuildProgram fails ("conflicting types")
        return "generated OpenCL defines " + d.group(1) + " twice (overloaded Java method in"
            + " kernel-reachable code)";
      }
    }
    for (Map.Entry<String, Integer> e : defined.entrySet()) {
      Matcher use = Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\(").matcher(source);
      if (use.find() && use.start() < e.getValue()) {
        int line = 1;
        for (int i = 0; i < use.start(); i++) {
          if (source.charAt(i) == '\n') {
            line++;
          }
        }
        return "generated OpenCL calls " + e.getKey() + " (line " + line
            + ") before defining it";
      }
    }
    return null;
  }
}
