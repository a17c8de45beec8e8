package org.liko.kernels;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link KernelSource#forwardReference} on hand-written Aparapi-style sources. */
class KernelSourceTest {
  @Test
  void acceptsCalleesFirst() {
    assertNull(KernelSource.forwardReference("int a_b(int i){\n   return(i);\n}\n"
        + "int c_d(int i){\n   return(a_b(i));\n}\n"));
  }

  @Test
  void rejectsCallBeforeDefinition() {
    String r = KernelSource.forwardReference("int c_d(int i){\n   return(a_b(i));\n}\n"
        + "int a_b(int i){\n   return(i);\n}\n");
    assertTrue(r != null && r.contains("a_b") && r.contains("before defining"), r);
  }

  @Test
  void rejectsOverloads() {
    // a Java overload becomes two OpenCL functions of one name: clBuildProgram fails
    String r = KernelSource.forwardReference("int g_n(int i, int d){\n   return(i);\n}\n"
        + "int g_n(int i, int d, int x){\n   return(x);\n}\n");
    assertTrue(r != null && r.contains("g_n") && r.contains("twice"), r);
  }
}
