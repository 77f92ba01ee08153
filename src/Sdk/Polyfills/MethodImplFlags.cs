using System.Runtime.CompilerServices;

namespace Wandb.Polyfills;

/// <summary>
/// <see cref="MethodImplOptions"/> values that netstandard2.0 does not name but every .NET runtime the package runs
/// on honours (the flag is a bit of the method's metadata, read by the JIT).
/// </summary>
internal static class MethodImplFlags
{
    /// <summary>
    /// <c>MethodImplOptions.AggressiveOptimization</c> (.NET Core 3.0+): the method is compiled fully optimized on its
    /// first call instead of starting as unoptimized tier-0 code. Meant for the few loops that read or report a whole
    /// store once per process (a build node, the test logger, <c>dotnet wandb</c>): run 100,000 times before tiering
    /// replaces them, tier-0 copies cost about a second of CPU in a fresh process.
    /// </summary>
    public const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;
}
