using System.Diagnostics;

namespace Wandb.TestSupport;

/// <summary>
/// Kills a child process when the test ends, however it ends: a writer started to be killed must not outlive a
/// test that failed before killing it (it would log forever and load the machine).
/// </summary>
internal sealed class KillOnDispose : IDisposable
{
    private readonly Process _process;

    public KillOnDispose(Process process) => _process = process;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }

        _process.Dispose();
    }
}
