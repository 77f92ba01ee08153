using Wandb.Diagnostics;

namespace Wandb.TestLogger.Reporting;

/// <summary>Writes the logger's lines to standard output, where <c>dotnet test</c> shows a logger's output.</summary>
internal sealed class LoggerConsoleOutput : IWandbOutput
{
    public static readonly LoggerConsoleOutput Instance = new();

    public void Warning(string code, string message) => Write($"wandb: warning {code}: {message}");

    public void Info(string message) => Write($"wandb: {message}");

    private static void Write(string line)
    {
        try
        {
            Console.Out.WriteLine(line);
        }
        catch (IOException)
        {
            // A closed console must not fail the test run.
        }
    }
}
