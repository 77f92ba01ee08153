using System.Diagnostics;

namespace Wandb.Sdk.Tests.Interop;

/// <summary>
/// Runs read_wandb_log.py, a reader of the transaction log written in Python from the format's description
/// with zlib's CRC-32, so the C# writer is checked by code that shares nothing with it. One line per record:
/// offset, length, top-level protobuf field numbers, SHA-256.
/// </summary>
internal static class IndependentReader
{
    public static IReadOnlyList<string> Read(string path)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "read_wandb_log.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(path);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Inconclusive("python3 is not installed: the independent reader cannot run here.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.AreEqual(0, process.ExitCode, "the independent reader failed: " + errors);
            return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
