using Wandb.Diagnostics;

namespace Wandb.Benchmarks.Logging;

/// <summary>Prints warnings and drops information lines after they were formatted, so a benchmark pays for announcing its runs without filling the report with them.</summary>
internal sealed class WarningsOnlyOutput : IWandbOutput
{
    public void Warning(string code, string message) => ConsoleOutput.Instance.Warning(code, message);

    public void Info(string message)
    {
    }
}
