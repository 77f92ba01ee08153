using Wandb.Diagnostics;

namespace Wandb.Build.Tasks.Tests.Fakes;

internal sealed class RecordingOutput : IWandbOutput
{
    public List<string> Lines { get; } = new();

    public void Warning(string code, string message) => Lines.Add($"{code}: {message}");

    public void Info(string message) => Lines.Add(message);
}
