package io.codeanatomy.engine;

/** Entry point of {@link NativeLibraryTest}'s child JVM: prints the load failure, exits 3. */
public final class LoaderProbe {
  private LoaderProbe() {}

  public static void main(String[] args) {
    try {
      System.out.println(Session.engineVersion());
      System.exit(0);
    } catch (RuntimeException e) {
      System.out.println(e);
      System.exit(3);
    }
  }
}
