using System.Reflection;
using System.Runtime.InteropServices;

namespace Wandb.Runs;

/// <summary>
/// Tells whether an exception is propagating through the current frame, so <see cref="Run.Dispose"/> in a
/// <c>using</c> block can mark the run failed. Marshal.GetExceptionPointers exists on every runtime this
/// package runs on, but not in the netstandard2.0 reference, so it is bound once by reflection.
/// </summary>
internal static class ExceptionInFlight
{
    private static readonly Func<IntPtr>? GetPointers = Bind();

    public static bool IsPropagating() => GetPointers is not null && GetPointers() != IntPtr.Zero;

    private static Func<IntPtr>? Bind()
    {
        var method = typeof(Marshal).GetMethod("GetExceptionPointers", BindingFlags.Public | BindingFlags.Static, null, Type.EmptyTypes, null);
        return method is null ? null : (Func<IntPtr>)Delegate.CreateDelegate(typeof(Func<IntPtr>), method);
    }
}
