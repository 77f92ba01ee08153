using System.Diagnostics;
using System.Globalization;

namespace Wandb.TestSupport;

/// <summary>Reads the progress a writer process prints (<c>logged N</c>), so a test knows how far it got before it kills it.</summary>
internal static class WriterOutput
{
    /// <summary>Reads lines until the writer reports at least <paramref name="target"/> rows; returns the count it reported.</summary>
    public static long WaitForLogged(Process process, long target)
    {
        long logged = 0;
        while (logged < target)
        {
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The writer ended early: " + process.StandardError.ReadToEnd());
            if (line.StartsWith("logged ", StringComparison.Ordinal))
            {
                logged = long.Parse(line.Substring(7), CultureInfo.InvariantCulture);
            }
        }

        return logged;
    }
}
