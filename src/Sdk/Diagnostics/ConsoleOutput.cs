namespace Wandb.Diagnostics;

/// <summary>Writes warnings and information to standard error with W&amp;B's <c>wandb:</c> prefix, so they never mix with a program's own output.</summary>
internal sealed class ConsoleOutput : IWandbOutput
{
    public static readonly ConsoleOutput Instance = new();

    public void Warning(string code, string message) => Write($"wandb: warning {code}: {message}");

    public void Info(string message) => Write($"wandb: {message}");

    private static void Write(string line)
    {
        try
        {
            Console.Error.WriteLine(line);
        }
        catch (IOException)
        {
            // A closed standard error must not take the training process down with it.
        }
    }
}
