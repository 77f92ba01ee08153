using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Wandb.Storage;

/// <summary>
/// Copies bytes from one open file into another inside the kernel (Linux <c>copy_file_range</c>), without reading them
/// into the process. Anything it cannot do (another system, another file system, an old kernel) it reports as not done
/// and leaves to the caller, which copies through memory as before.
/// </summary>
internal static class FileRangeCopy
{
    /// <summary>Set once a call showed the system has no such copy: no later one tries it.</summary>
    private static volatile bool _unavailable = !RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>Whether the system may copy inside the kernel (Linux, and no call has failed to find it).</summary>
    public static bool IsAvailable => !_unavailable;

    /// <summary>
    /// Copies <paramref name="length"/> bytes from the start of <paramref name="source"/> to <paramref name="targetOffset"/>
    /// of <paramref name="target"/>. Neither file's own position moves.
    /// </summary>
    /// <returns>How many bytes were copied from the start: all of them, or fewer when the kernel stopped (the caller copies the rest).</returns>
    public static long Copy(SafeFileHandle source, long length, SafeFileHandle target, long targetOffset)
    {
        if (_unavailable || length == 0)
        {
            return 0;
        }

        var sourceAdded = false;
        var targetAdded = false;
        try
        {
            source.DangerousAddRef(ref sourceAdded);
            target.DangerousAddRef(ref targetAdded);
            var from = (int)source.DangerousGetHandle();
            var to = (int)target.DangerousGetHandle();
            long sourceOffset = 0;
            while (sourceOffset < length)
            {
                var copied = (long)NativeMethods.copy_file_range(from, ref sourceOffset, to, ref targetOffset, new UIntPtr((ulong)(length - sourceOffset)), 0);
                if (copied <= 0)
                {
                    // 0: the source ended early; -1: EXDEV (another file system), ENOSYS/EOPNOTSUPP/EINVAL (not here), EIO...
                    // The caller copies what is left either way.
                    break;
                }
            }

            return sourceOffset;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return 0;
        }
        finally
        {
            if (targetAdded)
            {
                target.DangerousRelease();
            }

            if (sourceAdded)
            {
                source.DangerousRelease();
            }
        }
    }

    private static class NativeMethods
    {
        // "libc" is the C library on every Linux the runtime supports (the runtime maps it to libc.so.6 on glibc).
        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr copy_file_range(int fdIn, ref long offIn, int fdOut, ref long offOut, UIntPtr length, uint flags);
    }
}
